package io.sitrep.integrations.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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
import redis.clients.jedis.Jedis;

/**
 * Redis Sentinel with real {@code redis-server} processes (Debian's, which {@code .ci/run}
 * installs): a master, two replicas and three sentinels. Writers add notes while the master is
 * killed with SIGKILL; with {@code wait-replicas} 1 every note that was acknowledged is on the
 * timeline after the failover, and writes succeed again within seconds.
 */
@Timeout(180)
class SentinelFailoverTest {

    private static final IncidentId ID = new IncidentId(1);
    private static final Instant T0 = Instant.parse("2026-02-26T08:25:00Z");

    private final RedisServers servers = new RedisServers("sentinel");

    @AfterEach
    void stopRedis() {
        servers.close();
    }

    @Test
    void noAcknowledgedNoteIsLostWhenTheMasterDiesAndWritesComeBackAfterTheFailover() throws Exception {
        assumeTrue(RedisServers.available(), RedisServers.MISSING);
        RedisServers.Node masterNode = servers.redis("master", List.of());
        int master = masterNode.port();
        for (int i = 0; i < 2; i++) {
            servers.redis("replica", List.of("--replicaof", "127.0.0.1", Integer.toString(master)));
        }
        List<String> sentinels = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sentinels.add(servers.sentinel("sitrep", master).address());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> connectedReplicas(master) == 2);
        // Sentinels learn of replicas from the master's INFO, every 10 s: a replica they don't know
        // of is not moved to the new master, and then no replica could acknowledge a change.
        await().atMost(Duration.ofSeconds(60)).until(() -> sentinels.stream().allMatch(s -> replicasKnownTo(s) == 2));

        try (RedisConnection redis = RedisConnection.openSentinel("sitrep", String.join(",", sentinels),
                "redis://localhost:6379/0", 1)) {
            RedisIncidentStore store = new RedisIncidentStore(redis);
            IncidentWriter writer = new IncidentWriter(store, new SpringStatemachineLifecycle());
            declare(store);

            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicLong killedAt = new AtomicLong();
            AtomicLong backAt = new AtomicLong();
            ExecutorService writers = Executors.newFixedThreadPool(4);
            for (int w = 0; w < 4; w++) {
                int writerNo = w;
                writers.submit(() -> {
                    for (int n = 0; writing.get(); n++) {
                        String text = "writer " + writerNo + " note " + n;
                        long started = System.nanoTime();
                        try {
                            note(writer, text);
                            acknowledged.add(text);
                            long killed = killedAt.get();
                            if (killed != 0 && started > killed) {
                                backAt.compareAndSet(0, System.nanoTime()); // a write begun after the kill
                            }
                        } catch (RuntimeException refusedOrUnreachable) {
                            LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // the store is failing over
                        }
                    }
                });
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> acknowledged.size() >= 40);

            masterNode.kill();
            killedAt.set(System.nanoTime());
            await().atMost(Duration.ofSeconds(60)).until(() -> backAt.get() != 0);
            int atRecovery = acknowledged.size();
            await().atMost(Duration.ofSeconds(20)).until(() -> acknowledged.size() >= atRecovery + 40);
            writing.set(false);
            writers.shutdown();
            assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

            Duration failover = Duration.ofNanos(backAt.get() - killedAt.get());
            System.out.printf("Sentinel failover: master killed, writes acknowledged again after %d ms; %d notes "
                    + "acknowledged%n", failover.toMillis(), acknowledged.size());
            List<String> onTheTimeline = store.timeline(ID).stream().map(TimelineEntry::text).toList();
            assertThat(onTheTimeline).as("every acknowledged note survived the failover").containsAll(acknowledged);
            assertThat(failover).as("writes come back once Sentinel has promoted a replica")
                    .isLessThan(Duration.ofSeconds(30));
        }
    }

    private static void note(IncidentWriter writer, String text) {
        writer.apply(ID, IncidentEvent.ADD_NOTE, new TransitionRequest(text), (current, accepted) ->
                new IncidentChange(current.toBuilder().build(),
                        new TimelineEntry(T0, T0, TimelineKind.NOTE, "writer", "test", text, Map.of())));
    }

    private static void declare(RedisIncidentStore store) {
        Incident incident = new Incident(ID, "ConnectMe login failures", IncidentState.INVESTIGATING,
                Severity.SEV2, "connectme", "eu-west", List.of(), Map.of(Role.COMMANDER, "alice"),
                "inc-1-connectme-login-failures", "alice", T0, T0, null, null, null, null, null,
                null, null, null, null, 1);
        assertThat(store.create(incident, List.of(new TimelineEntry(T0, T0, TimelineKind.DECLARED, "alice", "test",
                "ConnectMe login failures", Map.of())))).isTrue();
    }

    private static long connectedReplicas(int master) {
        try (Jedis jedis = new Jedis("127.0.0.1", master)) {
            return jedis.info("replication").lines().filter(l -> l.startsWith("slave") && l.contains("state=online"))
                    .count();
        } catch (RuntimeException notYet) {
            return -1;
        }
    }

    private static long replicasKnownTo(String sentinel) {
        String[] hostPort = sentinel.split(":");
        try (Jedis jedis = new Jedis(hostPort[0], Integer.parseInt(hostPort[1]))) {
            return jedis.sentinelReplicas("sitrep").stream()
                    .filter(r -> !String.valueOf(r.get("flags")).contains("down")).count();
        } catch (RuntimeException notYet) {
            return -1;
        }
    }
}
