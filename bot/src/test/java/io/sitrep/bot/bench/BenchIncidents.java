package io.sitrep.bot.bench;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.Postmortem;
import io.sitrep.incident.Role;
import io.sitrep.incident.Severity;

/** A plain incident for measuring lifecycle decisions alone. */
final class BenchIncidents {

    private BenchIncidents() {
    }

    static Incident investigating(IncidentId id) {
        return new Incident(id, "bench", IncidentState.INVESTIGATING, Severity.SEV2, "bench", null, List.of(),
                Map.of(Role.COMMANDER, "bench"), "inc-bench", "bench", Instant.EPOCH, Instant.EPOCH, null, null, null,
                null, null, null, Postmortem.EMPTY, null, null, 1);
    }
}
