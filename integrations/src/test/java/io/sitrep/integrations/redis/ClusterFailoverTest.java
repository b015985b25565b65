package io.sitrep.integrations.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.sitrep.incident.IncidentId;
import io.sitrep.incident.store.StoreUnavailableException;

/**
 * Redis Cluster failing over, with real {@code redis-server} processes: three masters with two
 * replicas each. Writers add notes to one incident while the master holding its slot is killed
 * with SIGKILL; the cluster promotes a replica, Sitrep follows the new slot map, and with
 * {@code wait-replicas} 1 nothing acknowledged is lost. While the slot has no master, the
 * incident's reads and the cluster-wide lists fail as "unavailable", never with a partial answer.
 */
@Timeout(180)
class ClusterFailoverTest {

    private static final IncidentId ID = new IncidentId(7);

    private final RedisServers servers = new RedisServers("cluster-failover");

    @AfterEach
    void stopRedis() {
        servers.close();
    }

    @Test
    void noAcknowledgedNoteIsLostWhenTheIncidentsMasterDiesAndWritesComeBackAfterThePromotion() throws Exception {
        assumeTrue(RedisServers.available(), RedisServers.MISSING);
        List<RedisServers.Node> nodes = servers.cluster(3, 2);
        RedisServers.Node master = nodes.get(RedisServers.masterOf(RedisKeys.incident(ID), 3));

        try (RedisConnection redis = RedisConnection.openCluster(RedisServers.addresses(nodes), "", 1);
             NoteWriters writers = new NoteWriters(new RedisIncidentStore(redis), ID, 4)) {
            RedisIncidentStore store = new RedisIncidentStore(redis);
            writers.awaitMore(40, Duration.ofSeconds(20));
            Duration failover = writers.killAndAwaitRecovery(master::kill,
                    () -> assertThatTheListIsUnavailableOrWhole(store), Duration.ofSeconds(60));
            writers.awaitMore(40, Duration.ofSeconds(20));
            writers.assertNothingAcknowledgedLost("Cluster failover", failover);
            assertThat(store.findAll()).extracting(incident -> incident.id()).containsExactly(ID);
        }
    }

    /**
     * From the kill until the promotion is over (a little longer than it takes), listing the
     * incidents and the open ones either refuses or is whole: never a list without INC-7.
     */
    private static void assertThatTheListIsUnavailableOrWhole(RedisIncidentStore store) {
        long until = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        int refused = 0;
        int whole = 0;
        while (System.nanoTime() < until) {
            try {
                assertThat(store.findAll()).extracting(incident -> incident.id()).containsExactly(ID);
                assertThat(store.findOpen()).extracting(incident -> incident.id()).containsExactly(ID);
                whole++;
            } catch (StoreUnavailableException expected) {
                refused++; // the master holding INC-7 is gone: no partial list
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        assertThat(refused).as("the lists refused while the incident's slot had no master").isPositive();
        assertThat(whole).as("and were whole again after the promotion").isPositive();
    }
}
