package io.sitrep.bot.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.Postmortem;
import io.sitrep.incident.Severity;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.store.IncidentStore;

/**
 * A history of closed incidents written straight into the store, as a year of use leaves it:
 * each declared 100 to 465 days ago, posted about, closed with its postmortem published.
 */
final class ClosedIncidents {

    private ClosedIncidents() {
    }

    static void store(IncidentStore store, int count, Instant now) {
        for (int i = 0; i < count; i++) {
            IncidentId id = store.allocateId();
            Instant declared = now.minus(Duration.ofDays(100 + i % 365)).minus(Duration.ofMinutes(i % 1440));
            Instant posted = declared.plusSeconds(600);
            Instant closed = declared.plus(Duration.ofDays(2));
            Incident incident = Incident.builder(id, IncidentState.CLOSED, Severity.SEV3, declared)
                    .title("Closed incident " + i).service("svc-" + (i % 7)).region("eu-west")
                    .channel("inc-" + id.number() + "-closed").declaredBy("bench").detectedAt(declared)
                    .lastUpdate(posted, "We are investigating.")
                    .postmortem(Postmortem.EMPTY.completedAt(closed))
                    .build();
            store.create(incident, List.of(
                    entry(declared, TimelineKind.DECLARED, incident.title(), Map.of("state", "INVESTIGATING")),
                    entry(posted, TimelineKind.STAKEHOLDER_UPDATE, "We are investigating.", Map.of("status", "Investigating")),
                    entry(closed, TimelineKind.STATUS_CHANGED, "postmortem published", Map.of("to", "CLOSED")),
                    entry(closed, TimelineKind.STAKEHOLDER_UPDATE, "A bad deploy, rolled back.",
                            Map.of("status", "Postmortem"))));
        }
    }

    private static TimelineEntry entry(Instant at, TimelineKind kind, String text, Map<String, Object> data) {
        return new TimelineEntry(at, at, kind, "bench", "bench", text, data);
    }
}
