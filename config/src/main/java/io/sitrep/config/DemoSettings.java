package io.sitrep.config;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code sitrep.demo.*}, read only when Sitrep starts with {@code --demo}.
 *
 * @param dataDir where the demo keeps its incidents and its embedded Redis: a directory of its own,
 *                new or empty (by default a fresh temporary one), never {@code sitrep.data-dir}
 * @param exit    end the process once the replay is over ({@code --exit}), rather than leave its
 *                pages up to look at
 */
@ConfigurationProperties("sitrep.demo")
public record DemoSettings(Path dataDir, boolean exit) {
}
