package io.sitrep.config;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sitrep.runbooks.*}: a directory of the user's runbooks (each replaces a shipped one with
 * the same id), and how long a running runbook may sit still before a nudge.
 */
@ConfigurationProperties("sitrep.runbooks")
public record RunbookSettings(Path dir, @DefaultValue("PT15M") Duration idleReminder) {
}
