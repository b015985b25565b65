package io.sitrep.integrations.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.sitrep.incident.IllegalTransitionException;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentChange;
import io.sitrep.incident.IncidentEvent;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.Role;
import io.sitrep.incident.Severity;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.lifecycle.SpringStatemachineLifecycle;
import io.sitrep.incident.lifecycle.TransitionRequest;
import io.sitrep.incident.lifecycle.TransitionResult;

/**
 * Many writers on one incident through a real {@link IncidentWriter} on the embedded Redis:
 * optimistic concurrency must let exactly the right writers win and lose nothing.
 */
@Timeout(120)
class ConcurrentWritersTest {

    private static final int WRITERS = 50;
    private static final Instant T0 = Instant.parse("2026-02-26T08:25:00Z");
    private static final IncidentId ID = new IncidentId(1);

    private RedisIncidentStore store;
    private IncidentWriter writer;
    private ExecutorService threads;

    @BeforeEach
    void setUp() {
        store = new RedisIncidentStore(TestRedis.flushed());
        writer = new IncidentWriter(store, new SpringStatemachineLifecycle());
        threads = Executors.newFixedThreadPool(WRITERS);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).as("writer threads ended").isTrue();
    }

    @Test
    void ofConflictingTransitionsExactlyOneWinsAndTheOthersAreRefused() throws Exception {
        declareInvestigating();

        List<Outcome> outcomes = race(i -> i % 2 == 0
                ? () -> transition(IncidentEvent.RESOLVE, "rolled back", i)
                : () -> transition(IncidentEvent.CANCEL, "false alarm", i));

        List<Outcome> won = outcomes.stream().filter(o -> o.change != null).toList();
        List<Outcome> refused = outcomes.stream().filter(o -> o.refusal != null).toList();
        List<Outcome> other = outcomes.stream().filter(o -> o.unexpected != null).toList();
        assertThat(other).as("writers that failed for any other reason").isEmpty();
        assertThat(won).as("writers whose transition was applied").hasSize(1);
        assertThat(refused).as("writers refused by the lifecycle").hasSize(WRITERS - 1);

        IncidentChange winner = won.get(0).change;
        IncidentState target = winner.incident().state();
        assertThat(target).isIn(IncidentState.RESOLVED, IncidentState.CANCELLED);
        // Every loser was refused because of what the winner wrote, not because of a stale read.
        assertThat(refused).allSatisfy(o -> assertThat(o.refusal.state()).isEqualTo(target));

        Incident stored = store.find(ID).orElseThrow();
        assertThat(stored.state()).isEqualTo(target);
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored).isEqualTo(winner.incident());

        List<TimelineEntry> timeline = store.timeline(ID);
        assertThat(timeline).hasSize(2);
        assertThat(timeline.get(0).kind()).isEqualTo(TimelineKind.DECLARED);
        TimelineEntry last = timeline.get(1);
        assertThat(last.kind()).isEqualTo(TimelineKind.STATUS_CHANGED);
        assertThat(last.data()).containsEntry("from", IncidentState.INVESTIGATING.name())
                .containsEntry("to", stored.state().name());
        assertThat(last.text()).isEqualTo(target == IncidentState.RESOLVED ? "rolled back" : "false alarm");
        assertThat(last).isEqualTo(winner.entries().get(0));
    }

    @Test
    void concurrentInPlaceChangesAllSucceedAndNoneIsLost() throws Exception {
        declareInvestigating();

        List<Outcome> outcomes = race(i -> () -> note("note from writer " + i, i));

        assertThat(outcomes).allSatisfy(o -> {
            assertThat(o.unexpected).as("unexpected failure").isNull();
            assertThat(o.refusal).as("refusal").isNull();
            assertThat(o.change).isNotNull();
        });
        // Each writer's change became its own version: nobody overwrote anybody.
        assertThat(outcomes).extracting(o -> o.change.incident().version())
                .containsExactlyInAnyOrderElementsOf(versions(2, WRITERS + 1));

        Incident stored = store.find(ID).orElseThrow();
        assertThat(stored.version()).isEqualTo(WRITERS + 1);
        assertThat(stored.state()).isEqualTo(IncidentState.INVESTIGATING);

        List<TimelineEntry> timeline = store.timeline(ID);
        assertThat(timeline).hasSize(WRITERS + 1);
        assertThat(timeline.get(0).kind()).isEqualTo(TimelineKind.DECLARED);
        List<TimelineEntry> notes = timeline.subList(1, timeline.size());
        assertThat(notes).allSatisfy(e -> assertThat(e.kind()).isEqualTo(TimelineKind.NOTE));
        assertThat(notes).extracting(TimelineEntry::text).doesNotHaveDuplicates().hasSize(WRITERS)
                .containsExactlyInAnyOrderElementsOf(
                        java.util.stream.IntStream.range(0, WRITERS).mapToObj(i -> "note from writer " + i).toList());
    }

    // ---------------------------------------------------------------- the race

    /** Starts all writers together and waits, bounded, for every one of them. */
    private List<Outcome> race(IntFunction<Callable<IncidentChange>> command)
            throws InterruptedException, TimeoutException {
        CountDownLatch ready = new CountDownLatch(WRITERS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<IncidentChange>> futures = new ArrayList<>(WRITERS);
        for (int i = 0; i < WRITERS; i++) {
            Callable<IncidentChange> body = command.apply(i);
            futures.add(threads.submit(() -> {
                ready.countDown();
                if (!go.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the start signal never came");
                }
                return body.call();
            }));
        }
        assertThat(ready.await(30, TimeUnit.SECONDS)).as("all writers ready").isTrue();
        go.countDown();

        List<Outcome> outcomes = new ArrayList<>(WRITERS);
        for (Future<IncidentChange> future : futures) {
            try {
                outcomes.add(Outcome.won(future.get(60, TimeUnit.SECONDS)));
            } catch (ExecutionException e) {
                outcomes.add(e.getCause() instanceof IllegalTransitionException refusal
                        ? Outcome.refused(refusal) : Outcome.failed(e.getCause()));
            }
        }
        return outcomes;
    }

    private record Outcome(IncidentChange change, IllegalTransitionException refusal, Throwable unexpected) {
        static Outcome won(IncidentChange change) {
            return new Outcome(change, null, null);
        }

        static Outcome refused(IllegalTransitionException refusal) {
            return new Outcome(null, refusal, null);
        }

        static Outcome failed(Throwable unexpected) {
            return new Outcome(null, null, unexpected);
        }
    }

    // ---------------------------------------------------------------- commands

    private IncidentChange transition(IncidentEvent event, String text, int writerNo) {
        return writer.apply(ID, event, new TransitionRequest(text), (current, accepted) -> {
            Incident next = current.toBuilder().state(accepted.to()).build();
            return new IncidentChange(next, statusChanged(accepted, text, writerNo));
        });
    }

    private static TimelineEntry statusChanged(TransitionResult.Accepted accepted, String text, int writerNo) {
        Instant at = T0.plusSeconds(60).plusMillis(writerNo);
        return new TimelineEntry(at, at, TimelineKind.STATUS_CHANGED, "writer-" + writerNo, "test", text,
                Map.of("from", accepted.from().name(), "to", accepted.to().name()));
    }

    private IncidentChange note(String text, int writerNo) {
        return writer.apply(ID, IncidentEvent.ADD_NOTE, new TransitionRequest(text), (current, accepted) -> {
            Instant at = T0.plusSeconds(60).plusMillis(writerNo);
            return new IncidentChange(current.toBuilder().build(),
                    new TimelineEntry(at, at, TimelineKind.NOTE, "writer-" + writerNo, "test", text, Map.of()));
        });
    }

    private void declareInvestigating() {
        Incident incident = Incident.builder(ID, IncidentState.INVESTIGATING, Severity.SEV2, T0)
                .title("ConnectMe login failures").service("connectme").region("eu-west").nodes(List.of("node-3"))
                .roles(Map.of(Role.COMMANDER, "alice")).channel("inc-1-connectme-login-failures").declaredBy("alice")
                .detectedAt(T0.minusSeconds(300))
                .build();
        TimelineEntry declared = new TimelineEntry(T0, T0, TimelineKind.DECLARED, "alice", "test",
                "ConnectMe login failures", Map.of("state", "INVESTIGATING"));
        assertThat(store.create(incident, List.of(declared))).isTrue();
        assertThat(store.timeline(ID)).hasSize(1);
    }

    private static List<Long> versions(long fromInclusive, long toInclusive) {
        List<Long> versions = new ArrayList<>();
        for (long v = fromInclusive; v <= toInclusive; v++) {
            versions.add(v);
        }
        return versions;
    }
}
