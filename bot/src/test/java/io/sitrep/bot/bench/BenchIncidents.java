package io.sitrep.bot.bench;

import java.time.Instant;
import java.util.Map;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.Role;
import io.sitrep.incident.Severity;

/** A plain incident for measuring lifecycle decisions alone. */
final class BenchIncidents {

    private BenchIncidents() {
    }

    static Incident investigating(IncidentId id) {
        return Incident.builder(id, IncidentState.INVESTIGATING, Severity.SEV2, Instant.EPOCH)
                .title("bench").service("bench").roles(Map.of(Role.COMMANDER, "bench")).channel("inc-bench")
                .declaredBy("bench").detectedAt(Instant.EPOCH)
                .build();
    }
}
