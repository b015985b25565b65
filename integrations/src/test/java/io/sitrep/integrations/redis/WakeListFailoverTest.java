package io.sitrep.integrations.redis;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.sitrep.incident.IncidentId;
import io.sitrep.incident.Platform;
import io.sitrep.incident.store.StoreUnavailableException;
import io.sitrep.integrations.chat.Actor;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.Delivery;

/**
 * The delivery wake-up follows its master through a failover, with real {@code redis-server}
 * processes: a waiter blocked on the master that is killed opens a connection of its own to the
 * promoted one (Sentinel's new master, the cluster's new owner of the wake lists' slot), and a
 * lane made due after the failover wakes it.
 */
@Timeout(180)
class WakeListFailoverTest {

    private static final Instant T0 = Instant.parse("2026-02-26T09:00:00Z");

    private final RedisServers servers = new RedisServers("wake-failover");

    @AfterEach
    void stopRedis() {
        servers.close();
    }

    @Test
    void aWaiterFollowsTheSentinelsNewMaster() throws Exception {
        assumeTrue(RedisServers.available(), RedisServers.MISSING);
        RedisServers.Node master = servers.redis("master", List.of());
        servers.redis("replica", List.of("--replicaof", "127.0.0.1", Integer.toString(master.port())));
        List<String> sentinels = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sentinels.add(servers.sentinel("sitrep", master.port()).address());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> RedisServers.onlineReplicas(master) == 1);
        await().atMost(Duration.ofSeconds(60)).until(() -> sentinels.stream()
                .allMatch(s -> RedisServers.replicasKnownTo(s, "sitrep") == 1));

        try (RedisConnection redis = RedisConnection.openSentinel("sitrep", String.join(",", sentinels),
                "redis://localhost:6379/0", 0)) {
            awaitWakeUpAfterKilling(redis, master);
        }
    }

    @Test
    void aWaiterFollowsTheClusterToTheWakeListsNewMaster() throws Exception {
        assumeTrue(RedisServers.available(), RedisServers.MISSING);
        List<RedisServers.Node> nodes = servers.cluster(3, 1);
        RedisServers.Node master = nodes.get(RedisServers.masterOf(RedisKeys.outboxWake("slack"), 3));

        try (RedisConnection redis = RedisConnection.openCluster(RedisServers.addresses(nodes), "", 0)) {
            awaitWakeUpAfterKilling(redis, master);
        }
    }

    private static void awaitWakeUpAfterKilling(RedisConnection redis, RedisServers.Node master) {
        RedisDeliveryQueue queue = new RedisDeliveryQueue(redis);
        try (WakeListener listener = new WakeListener(queue.workSignal(List.of("slack")), Duration.ofSeconds(2))) {
            queue.enqueue(delivery(1), List.of("slack"), T0);
            await().atMost(Duration.ofSeconds(10)).until(() -> listener.woken() == 1);

            master.kill();
            // Writes come back once the replica is promoted; each try marks a new lane due.
            int[] next = {2};
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
                try {
                    queue.enqueue(delivery(next[0]++), List.of("slack"), T0);
                    return true;
                } catch (StoreUnavailableException stillFailingOver) {
                    return false;
                }
            });
            await().atMost(Duration.ofSeconds(20)).until(() -> listener.woken() >= 2);
        }
    }

    private static Delivery delivery(int incident) {
        return new Delivery(new IncidentId(incident), new Actor("alice", "U0ALICE").on(Platform.SLACK),
                List.of(new DeliveryMessage(Audience.STAKEHOLDERS, "update")), false, null);
    }
}
