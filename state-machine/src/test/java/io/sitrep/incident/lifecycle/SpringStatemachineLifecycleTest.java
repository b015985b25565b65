package io.sitrep.incident.lifecycle;

import static io.sitrep.incident.IncidentEvent.*;
import static io.sitrep.incident.IncidentState.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentEvent;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.Incidents;

class SpringStatemachineLifecycleTest {

    /** The lifecycle table, written out independently of the engine's configuration. */
    private static final Map<IncidentState, Map<IncidentEvent, IncidentState>> EXPECTED = expectedTable();

    private static final IncidentLifecycle lifecycle = new SpringStatemachineLifecycle();

    private static Map<IncidentState, Map<IncidentEvent, IncidentState>> expectedTable() {
        Map<IncidentState, Map<IncidentEvent, IncidentState>> t = new EnumMap<>(IncidentState.class);
        for (IncidentState s : IncidentState.values()) {
            t.put(s, new EnumMap<>(IncidentEvent.class));
        }
        t.get(TRIAGE).put(ACCEPT, INVESTIGATING);
        t.get(TRIAGE).put(CANCEL, CANCELLED);
        t.get(INVESTIGATING).put(CANCEL, CANCELLED);
        t.get(INVESTIGATING).put(IDENTIFY, IDENTIFIED);
        t.get(INVESTIGATING).put(MONITOR, MONITORING);
        t.get(IDENTIFIED).put(MONITOR, MONITORING);
        for (IncidentState s : List.of(INVESTIGATING, IDENTIFIED, MONITORING)) {
            t.get(s).put(RESOLVE, RESOLVED);
        }
        t.get(MONITORING).put(REOPEN, INVESTIGATING);
        t.get(RESOLVED).put(REOPEN, INVESTIGATING);
        t.get(RESOLVED).put(START_POSTMORTEM, POSTMORTEM);
        t.get(POSTMORTEM).put(CLOSE, CLOSED);
        for (IncidentState s : IncidentState.values()) {
            if (s.isOpen()) {
                for (IncidentEvent inPlace : List.of(POST_UPDATE, CHANGE_SEVERITY, ASSIGN_ROLE,
                        SET_POSTMORTEM_FIELD, ADD_MITIGATIVE_ACTION)) {
                    t.get(s).put(inPlace, s);
                }
            }
            t.get(s).put(ADD_NOTE, s);
        }
        return t;
    }

    static List<Arguments> everyStateAndEvent() {
        List<Arguments> all = new ArrayList<>();
        for (IncidentState state : IncidentState.values()) {
            for (IncidentEvent event : IncidentEvent.values()) {
                all.add(Arguments.of(state, event));
            }
        }
        return all;
    }

    @ParameterizedTest(name = "{1} from {0}")
    @MethodSource("everyStateAndEvent")
    void followsTheSpecTableForEveryStateAndEvent(IncidentState state, IncidentEvent event) {
        Incident incident = Incidents.withCompletePostmortem(state);

        TransitionResult result = lifecycle.fire(incident, event, new TransitionRequest("some text"));

        IncidentState expected = EXPECTED.get(state).get(event);
        if (expected == null) {
            assertThat(result).isEqualTo(new TransitionResult.NotLegal(state));
            assertThat(lifecycle.legalEvents(state)).doesNotContain(event);
        } else {
            assertThat(result).isEqualTo(new TransitionResult.Accepted(state, expected));
            assertThat(lifecycle.legalEvents(state)).contains(event);
        }
    }

    @ParameterizedTest
    @EnumSource(IncidentState.class)
    void listsExactlyTheLegalEventsOfEachState(IncidentState state) {
        assertThat(lifecycle.legalEvents(state)).isEqualTo(EXPECTED.get(state).keySet());
    }

    @ParameterizedTest
    @EnumSource(value = IncidentEvent.class, names = {"CANCEL", "IDENTIFY", "MONITOR", "RESOLVE", "REOPEN",
            "START_POSTMORTEM", "POST_UPDATE", "ADD_NOTE", "SET_POSTMORTEM_FIELD", "ADD_MITIGATIVE_ACTION"})
    void deniesEventsThatNeedTextWhenTheTextIsBlank(IncidentEvent event) {
        IncidentState from = EXPECTED.entrySet().stream()
                .filter(e -> e.getValue().containsKey(event)).findFirst().orElseThrow().getKey();

        TransitionResult result = lifecycle.fire(Incidents.in(from), event, new TransitionRequest("   "));

        assertThat(result).isInstanceOf(TransitionResult.Denied.class);
        assertThat(((TransitionResult.Denied) result).reason()).startsWith("it needs ");
    }

    @Test
    void refusesToCloseWithAnIncompletePostmortemAndNamesWhatIsMissing() {
        TransitionResult result = lifecycle.fire(Incidents.in(POSTMORTEM), CLOSE, TransitionRequest.NONE);

        assertThat(result).isInstanceOf(TransitionResult.Denied.class);
        assertThat(((TransitionResult.Denied) result).reason())
                .contains("summary", "root-cause", "resolution", "mitigative action");
    }

    @Test
    void closesWhenRootCauseAndResolutionComeFromTheIncidentItself() {
        TransitionResult result = lifecycle.fire(Incidents.withCompletePostmortem(POSTMORTEM), CLOSE,
                TransitionRequest.NONE);

        assertThat(result).isEqualTo(new TransitionResult.Accepted(POSTMORTEM, CLOSED));
    }

    @Test
    void decidesCorrectlyWhenManyThreadsShareThePoolOfMachines() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                IncidentState state = IncidentState.values()[i % IncidentState.values().length];
                IncidentEvent event = IncidentEvent.values()[i % IncidentEvent.values().length];
                tasks.add(() -> {
                    TransitionResult r = lifecycle.fire(Incidents.withCompletePostmortem(state), event,
                            new TransitionRequest("x"));
                    IncidentState expected = EXPECTED.get(state).get(event);
                    return expected == null ? r instanceof TransitionResult.NotLegal
                            : r.equals(new TransitionResult.Accepted(state, expected));
                });
            }
            for (Future<Boolean> f : pool.invokeAll(tasks)) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void everyStateCanBeLeftOrIsFinished() {
        Set<IncidentState> finished = EnumSet.of(CLOSED, CANCELLED);
        for (IncidentState state : IncidentState.values()) {
            boolean hasExit = EXPECTED.get(state).entrySet().stream().anyMatch(e -> e.getValue() != state);
            assertThat(hasExit).as(state.name()).isEqualTo(!finished.contains(state));
        }
    }

    @Test
    void resolveIsDeniedWhileTheHealthGuardSaysTheTargetsAreUnsettledAndForceOverridesIt() {
        IncidentLifecycle guarded = new SpringStatemachineLifecycle(incident ->
                java.util.Optional.of("node-3 is DOWN since 2026-02-26 08:19 UTC"));

        assertThat(guarded.fire(Incidents.in(MONITORING), RESOLVE, new TransitionRequest("restarted")))
                .isEqualTo(new TransitionResult.Denied(MONITORING, "node-3 is DOWN since 2026-02-26 08:19 UTC"));
        assertThat(guarded.fire(Incidents.in(MONITORING), RESOLVE, new TransitionRequest("restarted", "probe is wrong")))
                .isEqualTo(new TransitionResult.Accepted(MONITORING, RESOLVED));
        assertThat(guarded.fire(Incidents.in(MONITORING), RESOLVE, new TransitionRequest("", "probe is wrong")))
                .as("the resolution is still required when forced")
                .isEqualTo(new TransitionResult.Denied(MONITORING, "it needs the resolution"));
    }

    @Test
    void theHealthGuardIsAskedOnlyAboutResolving() {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        IncidentLifecycle guarded = new SpringStatemachineLifecycle(incident -> {
            asked.incrementAndGet();
            return java.util.Optional.of("never settled");
        });

        assertThat(guarded.fire(Incidents.in(INVESTIGATING), IDENTIFY, new TransitionRequest("deadlock")))
                .isEqualTo(new TransitionResult.Accepted(INVESTIGATING, IDENTIFIED));
        assertThat(guarded.fire(Incidents.in(MONITORING), REOPEN, new TransitionRequest("again")))
                .isEqualTo(new TransitionResult.Accepted(MONITORING, INVESTIGATING));
        assertThat(asked).hasValue(0);
    }

    @Test
    void aGuardThatCannotAnswerIsTheCallersFailureNotARefusal() {
        IncidentLifecycle guarded = new SpringStatemachineLifecycle(incident -> {
            throw new io.sitrep.incident.store.StoreUnavailableException("Redis is unavailable", null);
        });

        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        guarded.fire(Incidents.in(MONITORING), RESOLVE, new TransitionRequest("restarted")))
                .isInstanceOf(io.sitrep.incident.store.StoreUnavailableException.class);
        assertThat(guarded.fire(Incidents.in(MONITORING), RESOLVE, new TransitionRequest("restarted", "forced")))
                .as("the pooled machine is clean again").isEqualTo(new TransitionResult.Accepted(MONITORING, RESOLVED));
    }
}
