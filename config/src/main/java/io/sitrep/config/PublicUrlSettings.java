package io.sitrep.config;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sitrep.public-url}: how people reach Sitrep, the base of the links it sends in mails,
 * direct messages and feeds.
 */
@ConfigurationProperties("sitrep")
public record PublicUrlSettings(@DefaultValue("http://localhost:8080") URI publicUrl) {

    /** {@code path} (starting with a slash) under the public URL. */
    public String link(String path) {
        String base = publicUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }
}
