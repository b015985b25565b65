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
        return new Incident(new IncidentId(7), "ConnectMe login failures", state, Severity.SEV2, "connectme",
                "eu-west", List.of("node-3"), Map.of(Role.COMMANDER, "alice"), "inc-7-connectme-login-failures",
                "alice", DECLARED_AT, Instant.parse("2026-02-26T08:19:00Z"), null, null, null, null, null, null,
                Postmortem.EMPTY, null, null, 1);
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
