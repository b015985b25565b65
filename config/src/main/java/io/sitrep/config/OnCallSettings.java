package io.sitrep.config;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sitrep.oncall.*}: the directory of people, schedules and escalation policies (empty:
 * nobody is on call), how often it is looked at for changes, and how often the schedules'
 * Slack user groups are brought in step with who is on call.
 */
@ConfigurationProperties("sitrep.oncall")
public record OnCallSettings(Path dir, @DefaultValue("PT10S") Duration checkEvery,
                             @DefaultValue("PT15S") Duration usergroupSyncEvery) {

    public OnCallSettings {
        if (usergroupSyncEvery.isNegative() || usergroupSyncEvery.isZero()) {
            throw new IllegalArgumentException("sitrep.oncall.usergroup-sync-every must be positive");
        }
    }
}
