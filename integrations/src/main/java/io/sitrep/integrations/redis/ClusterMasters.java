package io.sitrep.integrations.redis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.sitrep.incident.store.StoreUnavailableException;
import redis.clients.jedis.ClusterCommandObjects;
import redis.clients.jedis.ClusterPipeline;
import redis.clients.jedis.CommandObjects;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.PipelineBase;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisRedirectionException;
import redis.clients.jedis.executors.CommandExecutor;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.providers.ClusterConnectionProvider;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * What Sitrep needs of a Redis Cluster beyond single-key commands, which Jedis routes by slot:
 * the masters that own the slots (a SCAN or a PING must go to each, since each holds only its
 * share of the keys), and a connection to the master of one key's slot (WAIT counts the writes
 * of the connection it is sent on).
 */
final class ClusterMasters {

    private static final int SLOTS = 16_384;

    private final ClusterConnectionProvider provider;
    private final RoundTripCounter counter;
    private final CommandObjects plain = new CommandObjects();

    ClusterMasters(ClusterConnectionProvider provider, RoundTripCounter counter) {
        this.provider = provider;
        this.counter = counter;
    }

    /** A Jedis that routes each command by its key's slot and pipelines across the masters. */
    UnifiedJedis jedis(CommandExecutor executor) {
        return new ClusterJedis(executor, provider);
    }

    /**
     * Which master serves each slot, as the last slot map Jedis read says. A slot nobody serves
     * means the cluster is incomplete or failing over: keys there can be neither read nor
     * listed, so the caller is told to try again rather than given a partial answer.
     */
    private HostAndPort[] slotOwners() {
        HostAndPort[] owners = new HostAndPort[SLOTS];
        for (int slot = 0; slot < SLOTS; slot++) {
            owners[slot] = provider.getNode(slot);
            if (owners[slot] == null) {
                provider.renewSlotCache();
                throw new StoreUnavailableException("Redis Cluster serves no master for slot " + slot
                        + " (failing over, or not every slot is assigned)", null);
            }
        }
        return owners;
    }

    private static List<HostAndPort> distinct(HostAndPort[] owners) {
        return new ArrayList<>(new LinkedHashSet<>(Arrays.asList(owners)));
    }

    /**
     * The keys matching {@code pattern} on every master, by SCAN. If the slot map changed while
     * the masters were asked (a failover, a reshard), a slot may have been read on neither its
     * old nor its new master, so the list is refused rather than given with keys missing.
     */
    List<String> scanKeys(String pattern) {
        Set<String> keys = new LinkedHashSet<>();
        ScanParams params = new ScanParams().match(pattern).count(500);
        HostAndPort[] owners = slotOwners();
        for (HostAndPort master : distinct(owners)) {
            onNode(master, connection -> {
                String cursor = ScanParams.SCAN_POINTER_START;
                do {
                    ScanResult<String> page = connection.executeCommand(plain.scan(cursor, params));
                    counter.countRoundTrip();
                    keys.addAll(page.getResult());
                    cursor = page.getCursor();
                } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
                return null;
            });
        }
        if (!Arrays.equals(owners, slotOwners())) {
            throw new StoreUnavailableException("Redis Cluster's slots moved while Sitrep listed its keys", null);
        }
        return new ArrayList<>(keys);
    }

    /** Whether every master answers a PING now. */
    boolean allAnswer() {
        try {
            for (HostAndPort master : distinct(slotOwners())) {
                String pong = onNode(master, connection -> connection.executeCommand(plain.ping()));
                counter.countRoundTrip();
                if (!"PONG".equals(pong)) {
                    return false;
                }
            }
            return true;
        } catch (JedisException | StoreUnavailableException e) {
            return false;
        }
    }

    /** The master of {@code key}'s slot, as the last slot map read says; null while none serves it. */
    HostAndPort masterOf(String key) {
        return provider.getNode(JedisClusterCRC16.getSlot(key));
    }

    /** A pipeline on a connection to the master of {@code key}'s slot; closing it gives the connection back. */
    Pipeline pipelineOn(String key) {
        return new Pipeline(provider.getConnectionFromSlot(JedisClusterCRC16.getSlot(key)), true);
    }

    /**
     * Called when a call on a connection of our own choosing failed: a redirection or a lost
     * node means the slot map moved (a failover, a reshard), so it is read again for the next call.
     */
    void noticeFailure(JedisException e) {
        if (e instanceof JedisRedirectionException || e instanceof JedisConnectionException) {
            renewSlots();
        }
    }

    /** Reads the slot map again now; if the cluster cannot say yet, the next call tries again. */
    void renewSlots() {
        try {
            provider.renewSlotCache();
        } catch (JedisException stillMoving) {
            // The next call tries again; this one already fails.
        }
    }

    private <T> T onNode(HostAndPort node, java.util.function.Function<Connection, T> call) {
        try (Connection connection = provider.getConnection(node)) {
            return call.apply(connection);
        } catch (JedisException e) {
            noticeFailure(e);
            throw e;
        }
    }

    /** UnifiedJedis pipelines on one connection; on a cluster a pipeline must split by node. */
    private static final class ClusterJedis extends UnifiedJedis {

        private final ClusterConnectionProvider provider;

        ClusterJedis(CommandExecutor executor, ClusterConnectionProvider provider) {
            super(executor, provider, new ClusterCommandObjects());
            this.provider = provider;
        }

        @Override
        public PipelineBase pipelined() {
            return new ClusterPipeline(provider, new ClusterCommandObjects());
        }
    }
}
