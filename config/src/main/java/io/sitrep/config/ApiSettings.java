package io.sitrep.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sitrep.api.*}: the bearer token of {@code /api/**}. An empty token binds the HTTP server
 * to loopback only, so an unauthenticated API is never reachable from another machine.
 */
@ConfigurationProperties("sitrep.api")
public record ApiSettings(@DefaultValue("") String token) {

    public boolean tokenRequired() {
        return token != null && !token.isBlank();
    }

    @Override
    public String toString() {
        return "ApiSettings[token=" + (tokenRequired() ? "***" : "") + "]";
    }
}
