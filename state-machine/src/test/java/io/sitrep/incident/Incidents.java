package io.sitrep.incident;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Incidents for tests, in any state, with everything a guard may look at filled or not. */
public final class Incidents {

    public static final Instant DECLARED_AT = Instant.parse("2026-02-26T08:25:00Z");

    private Incidents() {
    }

    public static Incident in(IncidentState state) {
        return Incident.builder(new IncidentId(7), state, Severity.SEV2, DECLARED_AT)
                .title("ConnectMe login failures").service("connectme").region("eu-west").nodes(List.of("node-3"))
                .roles(Map.of(Role.COMMANDER, "alice")).channel("inc-7-connectme-login-failures").declaredBy("alice")
                .detectedAt(Instant.parse("2026-02-26T08:19:00Z"))
                .build();
    }

    public static Incident withCompletePostmortem(IncidentState state) {
        Incident base = in(state);
        return base.toBuilder()
                .rootCause("deadlock in the session cache")
                .resolution("restarted the component")
                .postmortem(Postmortem.EMPTY.withField(Postmortem.Field.SUMMARY, "node-3 deadlocked")
                        .withAction("alert on probe latency"))
                .build();
    }
}
