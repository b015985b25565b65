package io.sitrep.integrations.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.sitrep.incident.ConcurrentChangeException;
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
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.incident.store.StoreUnavailableException;

/**
 * Writers adding notes to one incident as fast as Redis takes them, for failover tests: which
 * notes were acknowledged, and how long after a kill the first write begun after it succeeded.
 */
public final class NoteWriters implements AutoCloseable {

    private static final Instant T0 = Instant.parse("2026-02-26T08:25:00Z");

    private final IncidentStore store;
    private final IncidentWriter writer;
    private final IncidentId id;
    private final ExecutorService threads;
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean writing = new AtomicBoolean(true);
    private final AtomicLong killedAt = new AtomicLong();
    private final AtomicLong backAt = new AtomicLong();
    private final List<RuntimeException> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Declares {@code id} in {@code store} and starts {@code count} writers on it. */
    public NoteWriters(IncidentStore store, IncidentId id, int count) {
        this.store = store;
        this.writer = new IncidentWriter(store, new SpringStatemachineLifecycle());
        this.id = id;
        declare();
        this.threads = Executors.newFixedThreadPool(count);
        for (int w = 0; w < count; w++) {
            int writerNo = w;
            threads.submit(() -> write(writerNo));
        }
    }

    private void write(int writerNo) {
        for (int n = 0; writing.get(); n++) {
            String text = "writer " + writerNo + " note " + n;
            long started = System.nanoTime();
            try {
                writer.apply(id, IncidentEvent.ADD_NOTE, new TransitionRequest(text), (current, accepted) ->
                        new IncidentChange(current.toBuilder().build(),
                                new TimelineEntry(T0, T0, TimelineKind.NOTE, "writer", "test", text, Map.of())));
                acknowledged.add(text);
                long killed = killedAt.get();
                if (killed != 0 && started > killed) {
                    backAt.compareAndSet(0, System.nanoTime()); // a write begun after the kill
                }
            } catch (StoreUnavailableException | ConcurrentChangeException failingOver) {
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // what a caller sees as 503 or 409: retry
            } catch (RuntimeException wrong) {
                unexpected.add(wrong); // would reach a caller as a 500
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
        }
    }

    /** Waits until {@code more} notes beyond those acknowledged now are acknowledged. */
    public void awaitMore(int more, Duration within) {
        int from = acknowledged.size();
        await().atMost(within).until(() -> acknowledged.size() >= from + more);
    }

    /** Kills with {@code kill}, then waits for a write begun after it to be acknowledged; returns how long that took. */
    public Duration killAndAwaitRecovery(Runnable kill, Duration within) {
        return killAndAwaitRecovery(kill, () -> { }, within);
    }

    /** The same, running {@code meanwhile} right after the kill (its time counts towards the recovery). */
    public Duration killAndAwaitRecovery(Runnable kill, Runnable meanwhile, Duration within) {
        kill.run();
        killedAt.set(System.nanoTime());
        meanwhile.run();
        await().atMost(within).until(() -> backAt.get() != 0);
        return Duration.ofNanos(backAt.get() - killedAt.get());
    }

    /**
     * Stops the writers and checks what a failover must leave: every acknowledged note on the
     * timeline, and writes back well within 30 s of the kill.
     */
    public void assertNothingAcknowledgedLost(String what, Duration failover) throws InterruptedException {
        close();
        System.out.printf("%s: master killed, writes acknowledged again after %d ms; %d notes acknowledged%n", what,
                failover.toMillis(), acknowledged.size());
        assertThat(unexpected).as("every failure during the failover was 'unavailable' or a lost race").isEmpty();
        assertThat(onTheTimeline()).as("every acknowledged note survived the failover").containsAll(acknowledged);
        assertThat(failover).as("writes come back once a replica is promoted").isLessThan(Duration.ofSeconds(30));
    }

    /** Every note acknowledged so far. */
    public Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    /** The notes on the incident's timeline now. */
    public List<String> onTheTimeline() {
        return store.timeline(id).stream().map(TimelineEntry::text).toList();
    }

    @Override
    public void close() throws InterruptedException {
        if (threads.isShutdown()) {
            return;
        }
        writing.set(false);
        threads.shutdown();
        assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    private void declare() {
        Incident incident = Incident.builder(id, IncidentState.INVESTIGATING, Severity.SEV2, T0)
                .title("ConnectMe login failures").service("connectme").region("eu-west")
                .roles(Map.of(Role.COMMANDER, "alice")).channel("inc-" + id.number() + "-connectme-login-failures")
                .declaredBy("alice").detectedAt(T0)
                .build();
        assertThat(store.create(incident, List.of(new TimelineEntry(T0, T0, TimelineKind.DECLARED, "alice", "test",
                "ConnectMe login failures", Map.of())))).isTrue();
    }
}
