package io.sitrep.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sitrep.slack.*}. HTTP mode ({@code POST /slack/events}) needs the bot token and the
 * signing secret; Socket Mode the bot token and the app-level token. The API URL is a setting
 * so GovSlack workspaces and tests can move it.
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

    /** Socket Mode: Sitrep connects out to Slack with the app-level token ({@code xapp-…}). */
    public boolean socketModeEnabled() {
        return !botToken.isBlank() && !appToken.isBlank();
    }

    @Override
    public String toString() {
        // Never the tokens or the secret: settings objects end up in logs and error reports.
        return "SlackSettings[httpMode=" + httpModeEnabled() + ", socketMode=" + socketModeEnabled() + ", stakeholderChannel=" + stakeholderChannel
                + ", apiUrl=" + apiUrl + "]";
    }
}
