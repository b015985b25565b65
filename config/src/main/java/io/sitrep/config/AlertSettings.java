package io.sitrep.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sitrep.alerts.*}: the bearer token Alertmanager sends to {@code /hooks/alertmanager}
 * (blank: the API token serves for both), how many new incidents alerts may open a minute
 * before the rest of a storm joins one storm incident, and how an alert's {@code severity}
 * label maps to SEV1–SEV4 ({@code sitrep.alerts.severities.critical=1}; these defaults apply
 * to the labels not set).
 */
@ConfigurationProperties("sitrep.alerts")
public record AlertSettings(@DefaultValue("") String token, @DefaultValue("5") int maxNewIncidents,
                            Map<String, Integer> severities) {

    /** Alertmanager's usual severity labels. */
    public static final Map<String, Integer> DEFAULT_SEVERITIES = Map.of("critical", 1, "high", 2, "error", 2,
            "warning", 3, "info", 4);

    public AlertSettings {
        if (maxNewIncidents < 1) {
            throw new IllegalArgumentException("sitrep.alerts.max-new-incidents must be at least 1");
        }
        Map<String, Integer> all = new LinkedHashMap<>(DEFAULT_SEVERITIES);
        if (severities != null) {
            severities.forEach((label, sev) -> {
                if (sev == null || sev < 1 || sev > 4) {
                    throw new IllegalArgumentException("sitrep.alerts.severities." + label + " must be 1 to 4");
                }
                all.put(label.toLowerCase(Locale.ROOT), sev);
            });
        }
        severities = Map.copyOf(all);
    }

    public static AlertSettings defaults() {
        return new AlertSettings("", 5, null);
    }

    public String tokenOr(String apiToken) {
        return token == null || token.isBlank() ? apiToken : token;
    }

    /** The SEV number an alert's {@code severity} label maps to, if it maps at all. */
    public java.util.Optional<Integer> severityOf(String label) {
        return label == null ? java.util.Optional.empty()
                : java.util.Optional.ofNullable(severities.get(label.strip().toLowerCase(Locale.ROOT)));
    }

    @Override
    public String toString() {
        return "AlertSettings[token=" + (token == null || token.isBlank() ? "" : "***") + ", maxNewIncidents="
                + maxNewIncidents + ", severities=" + severities + "]";
    }
}
