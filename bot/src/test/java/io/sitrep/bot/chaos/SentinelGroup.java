package io.sitrep.bot.chaos;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.sitrep.integrations.redis.RedisServers;
import redis.clients.jedis.Jedis;

/**
 * The Redis the replicas share: a master with append-only persistence, two replicas and three
 * sentinels, all Debian {@code redis-server} processes. A failover kills the master with
 * SIGKILL and brings it back as a replica of the new one; a freeze stops it with SIGSTOP, which
 * the sentinels also take for a failure once it lasts past their 2 s.
 */
final class SentinelGroup implements AutoCloseable {

    static final String MASTER = "sitrep";
    private static final List<String> PERSISTENCE = List.of("--appendonly", "yes", "--appendfsync", "everysec");

    private final RedisServers servers = new RedisServers("chaos-redis");
    private final List<RedisServers.Node> nodes = new ArrayList<>();
    private final List<String> sentinels = new ArrayList<>();
    private volatile RedisServers.Node frozen;

    SentinelGroup() {
        nodes.add(yielding(servers.redis("node", PERSISTENCE)));
        for (int i = 0; i < 2; i++) {
            nodes.add(yielding(servers.redis("node", replicaOf(nodes.get(0)))));
        }
        for (int i = 0; i < 3; i++) {
            sentinels.add(yielding(servers.sentinel(MASTER, nodes.get(0).port())).address());
        }
        awaitTwoReplicas(Duration.ofSeconds(90));
    }

    /**
     * In production Redis runs on hosts of its own; here it shares two cores with the replicas.
     * Niced, its full resyncs (a fork writing a snapshot) do not take CPU from the replicas the
     * probes time — as another host's would not.
     */
    private static RedisServers.Node yielding(RedisServers.Node node) {
        try {
            new ProcessBuilder("renice", "-n", "10", "-p", Long.toString(node.process().pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (java.io.IOException e) {
            // Without renice the run is only harsher.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return node;
    }

    /** {@code host:port,…} of the sentinels, for {@code sitrep.redis.sentinel.nodes}. */
    String sentinelNodes() {
        return String.join(",", sentinels);
    }

    /** Whether the master has two replicas in sync, which every sentinel knows of: safe to fail over again. */
    boolean healthy() {
        try {
            RedisServers.Node master = master();
            return RedisServers.onlineReplicas(master) == 2
                    && sentinels.stream().allMatch(s -> RedisServers.replicasKnownTo(s, MASTER) == 2);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Kills the master with SIGKILL; returns its port, for {@link #restart}. */
    synchronized int killMaster() {
        RedisServers.Node master = master();
        master.kill();
        return master.port();
    }

    /** Brings the node killed on {@code port} back, as a replica of the master the sentinels name now. */
    synchronized void restart(int port) {
        RedisServers.Node master = awaitNewMaster(port);
        RedisServers.Node back = yielding(servers.redis("node", port, replicaOf(master)));
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).port() == port) {
                nodes.set(i, back);
            }
        }
    }

    /** SIGSTOP to the master: it holds every connection and answers nothing. */
    synchronized void freezeMaster() {
        RedisServers.Node master = master();
        RedisServers.freeze(master);
        frozen = master;
    }

    synchronized void thaw() {
        RedisServers.Node node = frozen;
        if (node != null) {
            RedisServers.thaw(node);
            frozen = null;
        }
    }

    /** The master as the first sentinel that answers names it. */
    RedisServers.Node master() {
        RuntimeException last = null;
        for (String sentinel : sentinels) {
            String[] hostPort = sentinel.split(":");
            try (Jedis jedis = new Jedis(hostPort[0], Integer.parseInt(hostPort[1]), 1000)) {
                int port = Integer.parseInt(jedis.sentinelGetMasterAddrByName(MASTER).get(1));
                return nodes.stream().filter(node -> node.port() == port).findFirst().orElseThrow();
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw last;
    }

    private RedisServers.Node awaitNewMaster(int oldPort) {
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> master().port() != oldPort);
        return master();
    }

    void awaitTwoReplicas(Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(500)).until(this::healthy);
    }

    private static List<String> replicaOf(RedisServers.Node master) {
        List<String> arguments = new ArrayList<>(PERSISTENCE);
        arguments.addAll(List.of("--replicaof", "127.0.0.1", Integer.toString(master.port())));
        return arguments;
    }

    @Override
    public void close() {
        thaw();
        servers.close();
    }
}
