package io.sitrep.integrations.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.sitrep.incident.IncidentId;

/**
 * Redis Sentinel with real {@code redis-server} processes (Debian's, which {@code .ci/run}
 * installs): a master, two replicas and three sentinels. Writers add notes while the master is
 * killed with SIGKILL; with {@code wait-replicas} 1 every note that was acknowledged is on the
 * timeline after the failover, and writes succeed again within seconds.
 */
@Timeout(180)
class SentinelFailoverTest {

    private final RedisServers servers = new RedisServers("sentinel");

    @AfterEach
    void stopRedis() {
        servers.close();
    }

    @Test
    void noAcknowledgedNoteIsLostWhenTheMasterDiesAndWritesComeBackAfterTheFailover() throws Exception {
        assumeTrue(RedisServers.available(), RedisServers.MISSING);
        RedisServers.Node master = servers.redis("master", List.of());
        for (int i = 0; i < 2; i++) {
            servers.redis("replica", List.of("--replicaof", "127.0.0.1", Integer.toString(master.port())));
        }
        List<String> sentinels = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sentinels.add(servers.sentinel("sitrep", master.port()).address());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> RedisServers.onlineReplicas(master) == 2);
        // Sentinels learn of replicas from the master's INFO, every 10 s: a replica they don't know
        // of is not moved to the new master, and then no replica could acknowledge a change.
        await().atMost(Duration.ofSeconds(60)).until(() -> sentinels.stream().allMatch(s -> RedisServers.replicasKnownTo(s, "sitrep") == 2));

        try (RedisConnection redis = RedisConnection.openSentinel("sitrep", String.join(",", sentinels),
                "redis://localhost:6379/0", 1);
             NoteWriters writers = new NoteWriters(new RedisIncidentStore(redis), new IncidentId(1), 4)) {
            writers.awaitMore(40, Duration.ofSeconds(20));
            Duration failover = writers.killAndAwaitRecovery(master::kill, Duration.ofSeconds(60));
            writers.awaitMore(40, Duration.ofSeconds(20));
            writers.assertNothingAcknowledgedLost("Sentinel failover", failover);
        }
    }
}
