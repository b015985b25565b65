package io.sitrep.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sitrep.slack.*}. HTTP mode ({@code POST /slack/events}) needs the bot token and the
 * signing secret; the API URL is a setting so GovSlack workspaces and tests can move it.
 */
@ConfigurationProperties("sitrep.slack")
public record SlackSettings(
        @DefaultValue("") String botToken,
        @DefaultValue("") String signingSecret,
        @DefaultValue("") String appToken,
        @DefaultValue("") String stakeholderChannel,
        @DefaultValue("https://slack.com/api/") String apiUrl) {

    public boolean httpModeEnabled() {
        return !botToken.isBlank() && !signingSecret.isBlank();
    }

    @Override
    public String toString() {
        // Never the tokens or the secret: settings objects end up in logs and error reports.
        return "SlackSettings[httpMode=" + httpModeEnabled() + ", stakeholderChannel=" + stakeholderChannel
                + ", apiUrl=" + apiUrl + "]";
    }
}
