package io.sitrep.bot.alerts;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.store.IncidentStore;

/**
 * Which incidents' timelines already hold which alerts, as the entry that declared an incident
 * for the alert or as an alert entry, each known by its fingerprint, status and start. Read only
 * when an attempt that died may have written some of a notification's alerts.
 */
final class AlertsOnTimelines {

    static final AlertsOnTimelines NONE = new AlertsOnTimelines();
    private static final Set<TimelineKind> ALERT_KINDS = EnumSet.of(TimelineKind.ALERT, TimelineKind.DECLARED);

    private final Map<String, Set<IncidentId>> holding = new HashMap<>();
    private final Map<String, IncidentId> declared = new HashMap<>();

    private AlertsOnTimelines() {
    }

    static AlertsOnTimelines read(IncidentStore store, List<Incident> incidents) {
        AlertsOnTimelines read = new AlertsOnTimelines();
        for (Incident incident : incidents) {
            for (TimelineEntry entry : store.timeline(incident.id())) {
                Map<String, Object> data = entry.data();
                if (AlertDesk.SOURCE.wireName().equals(entry.source()) && ALERT_KINDS.contains(entry.kind())
                        && data.get("fingerprint") != null) {
                    String key = key(data.get("fingerprint"), data.get("status"), data.get("startsAt"));
                    read.holding.computeIfAbsent(key, k -> new HashSet<>()).add(incident.id());
                    if (entry.kind() == TimelineKind.DECLARED) {
                        read.declared.put(key, incident.id());
                    }
                }
            }
        }
        return read;
    }

    /** An alert's one identity, in its mark and on a timeline; {@code startsAt} may be absent ("null"). */
    static String key(Object fingerprint, Object status, Object startsAt) {
        return "alert:" + fingerprint + ":" + status + ":" + startsAt;
    }

    Set<IncidentId> holding(String key) {
        return holding.getOrDefault(key, Set.of());
    }

    /** The incident declared for the alert, if one was. */
    Optional<IncidentId> declaredFor(String key) {
        return Optional.ofNullable(declared.get(key));
    }
}
