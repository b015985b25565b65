package io.sitrep.integrations.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.sitrep.integrations.health.HealthBoard;
import io.sitrep.integrations.health.HealthState;
import io.sitrep.integrations.health.SourceStatus;
import io.sitrep.integrations.health.Target;
import io.sitrep.integrations.health.TargetStatus;

/** The health board on a real Redis: what one replica writes under the lease, another reads back whole. */
class RedisHealthBoardTest {

    private static final Instant NOW = Instant.parse("2026-02-26T08:19:00Z");
    private static final TargetStatus LOGIN = new TargetStatus(new Target("login-eu", "connectme", "node-3"),
            "http-probes", HealthState.DOWN, "connected, but no answer within 2.0 s (hung?)", NOW, HealthState.HEALTHY, 1);
    private static final SourceStatus PROBES = new SourceStatus("http-probes", null, null, NOW);

    private final RedisConnection connection = TestRedis.flushed();
    private final RedisHealthBoard board = new RedisHealthBoard(connection);
    private final RedisLeaderLease lease = new RedisLeaderLease(connection);

    @Test
    void whatTheHolderWritesEveryReplicaReadsBackWhole() {
        assertThat(lease.holdOrTake(HealthBoard.LEASE, "replica-a", Duration.ofSeconds(15))).isTrue();

        assertThat(board.record("replica-a", List.of(LOGIN), List.of(), List.of(PROBES))).isTrue();

        RedisHealthBoard elsewhere = new RedisHealthBoard(connection);
        assertThat(elsewhere.targets()).containsExactly(java.util.Map.entry("login-eu", LOGIN));
        assertThat(elsewhere.sources()).containsExactly(java.util.Map.entry("http-probes", PROBES));
    }

    @Test
    void aReplicaThatDoesNotHoldTheLeaseWritesNothing() {
        assertThat(board.record("replica-a", List.of(LOGIN), List.of(), List.of(PROBES))).as("nobody holds it").isFalse();
        lease.holdOrTake(HealthBoard.LEASE, "replica-b", Duration.ofSeconds(15));

        assertThat(board.record("replica-a", List.of(LOGIN), List.of(), List.of(PROBES))).isFalse();

        assertThat(board.targets()).isEmpty();
        assertThat(board.sources()).isEmpty();
    }

    @Test
    void removedTargetsAreGoneAndTheRestStay() {
        lease.holdOrTake(HealthBoard.LEASE, "replica-a", Duration.ofSeconds(15));
        TargetStatus node = new TargetStatus(new Target("node/node-3", null, "node-3"), "kubernetes",
                HealthState.HEALTHY, "Ready", NOW, null, 0);
        board.record("replica-a", List.of(LOGIN, node), List.of(), List.of(PROBES));

        board.record("replica-a", List.of(), List.of("node/node-3"), List.of());

        assertThat(board.targets()).containsOnlyKeys("login-eu");
    }

    @Test
    void theBoardAndItsLeaseShareOneClusterSlot() {
        assertThat(redis.clients.jedis.util.JedisClusterCRC16.getSlot(RedisKeys.lease(HealthBoard.LEASE)))
                .isEqualTo(redis.clients.jedis.util.JedisClusterCRC16.getSlot(RedisKeys.HEALTH_TARGETS))
                .isEqualTo(redis.clients.jedis.util.JedisClusterCRC16.getSlot(RedisKeys.HEALTH_SOURCES));
    }
}
