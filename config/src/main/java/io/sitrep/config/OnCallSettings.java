package io.sitrep.config;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sitrep.oncall.*}: the directory of people, schedules and escalation policies (empty:
 * nobody is on call), and how often it is looked at for changes.
 */
@ConfigurationProperties("sitrep.oncall")
public record OnCallSettings(Path dir, @DefaultValue("PT10S") Duration checkEvery) {
}
