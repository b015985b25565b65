package io.sitrep.integrations.alerts;

import java.time.Instant;
import java.util.Map;

/**
 * One alert of an Alertmanager notification, as Sitrep uses it.
 *
 * @param firing      true for {@code "status": "firing"}, false for {@code "resolved"}
 * @param fingerprint Alertmanager's identity of the alert (its label set)
 * @param groupKey    the notification's group, for the timeline
 */
public record Alert(boolean firing, String name, Map<String, String> labels, Map<String, String> annotations,
                    Instant startsAt, Instant endsAt, String fingerprint, String groupKey) {

    public Alert {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    /** The first of the labels Sitrep reads a service from. */
    public String service() {
        return first("service", "job", "app");
    }

    public String node() {
        return first("node", "instance", "nodename");
    }

    /** What people read: the summary annotation, else the alert name. */
    public String summary() {
        String summary = annotations.get("summary");
        return summary == null || summary.isBlank() ? name : summary;
    }

    private String first(String... keys) {
        for (String key : keys) {
            String value = labels.get(key);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
