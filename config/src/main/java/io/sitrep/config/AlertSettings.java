package io.sitrep.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sitrep.alerts.*}: the bearer token Alertmanager sends to {@code /hooks/alertmanager};
 * blank means the API token ({@code sitrep.api.token}) serves for both.
 */
@ConfigurationProperties("sitrep.alerts")
public record AlertSettings(@DefaultValue("") String token) {

    public String tokenOr(String apiToken) {
        return token == null || token.isBlank() ? apiToken : token;
    }

    @Override
    public String toString() {
        return "AlertSettings[token=" + (token == null || token.isBlank() ? "" : "***") + "]";
    }
}
