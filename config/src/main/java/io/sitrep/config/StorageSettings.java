package io.sitrep.config;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where incidents live: an external Redis by URL, or (when {@code sitrep.redis.url} is empty)
 * an embedded Redis whose append-only file is kept in {@code sitrep.data-dir}.
 */
@Validated
@ConfigurationProperties("sitrep")
public record StorageSettings(@DefaultValue("./data") Path dataDir, @DefaultValue Redis redis) {

    /** {@code sitrep.redis.*}. */
    public record Redis(@DefaultValue("") String url) {
        public boolean embedded() {
            return url == null || url.isBlank();
        }
    }
}
