package io.sitrep.config;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sitrep.reminders.*}: how often stakeholders hear from an open incident.
 * Severity keys are {@code SEV1} … {@code SEV4}.
 */
@Validated
@ConfigurationProperties("sitrep.reminders")
public record ReminderSettings(
        @NotNull @DefaultValue("PT60M") Duration cadence,
        Map<String, Duration> cadenceBySeverity,
        @NotNull @DefaultValue("PT15M") Duration firstUpdateWithin,
        @NotNull @DefaultValue("PT15M") Duration escalateAfter,
        @DefaultValue("") String escalationChannel) {

    public ReminderSettings {
        cadenceBySeverity = cadenceBySeverity == null ? Map.of() : Map.copyOf(cadenceBySeverity);
    }

    /** The defaults of the product contract, for code that runs without Spring. */
    public static ReminderSettings defaults() {
        return new ReminderSettings(Duration.ofMinutes(60), Map.of(), Duration.ofMinutes(15),
                Duration.ofMinutes(15), "");
    }

    public Duration cadenceFor(String severity) {
        return cadenceBySeverity.getOrDefault(severity, cadence);
    }
}
