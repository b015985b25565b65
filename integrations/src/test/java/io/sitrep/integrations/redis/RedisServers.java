package io.sitrep.integrations.redis;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * Real {@code redis-server} processes (Debian's, which {@code .ci/run} installs) for tests of
 * Sentinel and Cluster, each on a free port with its log in a temporary directory. Closing
 * kills them all.
 */
public final class RedisServers implements AutoCloseable {

    public static final Path REDIS_SERVER = Path.of("/usr/bin/redis-server");
    public static final String MISSING = "Skipped: no /usr/bin/redis-server (.ci/run installs Debian's redis-server)";
    private static final int SLOTS = 16_384;

    private final Path dir;
    /** The default user's password on every data node (and what replicas use with their master), or null. */
    private final String password;
    /** ACL rules every data node is started with, as {@code user} lines of redis.conf. */
    private final List<String> users;
    private final List<Process> processes = new ArrayList<>();

    public RedisServers(String name) {
        this(name, null, List.of());
    }

    /**
     * Data nodes that require {@code password} of the default user (replicas authenticate with it
     * too) and know the ACL {@code users} ({@code "sitrep on >secret ~* &* +@all"}).
     */
    public RedisServers(String name, String password, List<String> users) {
        this.dir = TestRedis.tempDir(name);
        this.password = password;
        this.users = List.copyOf(users);
        // A test JVM that ends without closing (killed, or a context kept to the end) leaves no server behind.
        Runtime.getRuntime().addShutdownHook(new Thread(this::close));
    }

    public static boolean available() {
        return Files.isExecutable(REDIS_SERVER);
    }

    /** A Redis without persistence on a free port, with {@code more} arguments. */
    public Node redis(String name, List<String> more) {
        return redis(name, freePort(), more);
    }

    /**
     * The same on {@code port}: to bring a killed node back where the others expect it, with the
     * files it left (each node has a directory of its own, as its append-only files must).
     */
    public Node redis(String name, int port, List<String> more) {
        Path own = dir.resolve(name + "-" + port);
        try {
            Files.createDirectories(own);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of(REDIS_SERVER.toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--protected-mode", "no", "--save", "", "--appendonly", "no",
                "--dir", own.toString()));
        if (password != null) {
            command.addAll(List.of("--requirepass", password, "--masterauth", password));
        }
        for (String user : users) {
            command.add("--user");
            command.addAll(List.of(user.split(" "))); // one argument each, as redis.conf words; quoted, it is one name
        }
        command.addAll(more);
        return new Node(port, start(name + "-" + port, command), password);
    }

    /** A sentinel watching the master {@code master} on {@code masterPort}, quick to call it down (2 s). */
    public Node sentinel(String master, int masterPort) {
        int port = freePort();
        Path conf = dir.resolve("sentinel-" + port + ".conf");
        try {
            Files.writeString(conf, "port " + port + "\nbind 127.0.0.1\nprotected-mode no\ndir " + dir + "\n"
                    + "sentinel monitor " + master + " 127.0.0.1 " + masterPort + " 2\n"
                    + "sentinel down-after-milliseconds " + master + " 2000\n"
                    + "sentinel failover-timeout " + master + " 6000\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Node(port, start("sentinel-" + port, List.of(REDIS_SERVER.toString(), conf.toString(), "--sentinel")), null);
    }

    /**
     * A Redis Cluster of {@code masters} masters sharing the 16,384 slots evenly, formed with
     * CLUSTER ADDSLOTSRANGE and CLUSTER MEET (no {@code redis-cli} needed), ready when every node
     * says {@code cluster_state:ok}.
     */
    public List<Node> cluster(int masters) {
        return cluster(masters, 0).subList(0, masters);
    }

    /**
     * The same with {@code replicasEach} replicas of every master: the masters come first in the
     * list, then master 0's replicas, master 1's and so on. Failover is quick: nodes are called
     * failed after 2 s.
     */
    public List<Node> cluster(int masters, int replicasEach) {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < masters * (1 + replicasEach); i++) {
            nodes.add(redis("cluster", freeClusterPort(), List.of("--cluster-enabled", "yes", "--cluster-config-file",
                    dir.resolve("nodes-" + i + ".conf").toString(), "--cluster-node-timeout", "2000")));
        }
        for (int i = 0; i < masters; i++) {
            int from = i * SLOTS / masters;
            int to = (i + 1) * SLOTS / masters - 1;
            Node node = nodes.get(i);
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
                try (Jedis jedis = node.jedis()) {
                    return "OK".equals(jedis.clusterAddSlotsRange(from, to));
                }
            });
        }
        try (Jedis first = nodes.get(0).jedis()) {
            for (Node other : nodes.subList(1, nodes.size())) {
                first.clusterMeet("127.0.0.1", other.port());
            }
        }
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> nodes.stream().allMatch(node -> {
            try (Jedis jedis = node.jedis()) {
                return jedis.clusterInfo().contains("cluster_known_nodes:" + nodes.size());
            }
        }));
        for (int r = masters; r < nodes.size(); r++) {
            Node master = nodes.get((r - masters) / replicasEach);
            String masterId;
            try (Jedis jedis = master.jedis()) {
                masterId = jedis.clusterMyId();
            }
            Node replica = nodes.get(r);
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
                try (Jedis jedis = replica.jedis()) {
                    return "OK".equals(jedis.clusterReplicate(masterId));
                }
            });
        }
        awaitClusterOk(nodes);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                nodes.subList(0, masters).stream().allMatch(master -> onlineReplicas(master) == replicasEach));
        return nodes;
    }

    /** Until every one of {@code nodes} says {@code cluster_state:ok} (after forming, or after a node came back). */
    public static void awaitClusterOk(List<Node> nodes) {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> nodes.stream().allMatch(node -> {
            try (Jedis jedis = node.jedis()) {
                return jedis.clusterInfo().contains("cluster_state:ok");
            }
        }));
    }

    /** How many keys matching {@code pattern} each of {@code nodes} holds (KEYS: for tests only). */
    public static List<Integer> keysOnEach(List<Node> nodes, String pattern) {
        List<Integer> counts = new ArrayList<>();
        for (Node node : nodes) {
            try (Jedis jedis = node.jedis()) {
                counts.add(jedis.keys(pattern).size());
            }
        }
        return counts;
    }

    /** How many replicas of {@code master} the sentinel at {@code sentinel} ({@code host:port}) knows and thinks up. */
    public static long replicasKnownTo(String sentinel, String master) {
        HostAndPort address = HostAndPort.from(sentinel);
        try (Jedis jedis = new Jedis(address.getHost(), address.getPort())) {
            return jedis.sentinelReplicas(master).stream()
                    .filter(r -> !String.valueOf(r.get("flags")).contains("down")).count();
        } catch (RuntimeException notYet) {
            return -1;
        }
    }

    /** Which of {@link #cluster}'s masters serves {@code key} (its share of the slots, as the cluster was formed). */
    public static int masterOf(String key, int masters) {
        int slot = redis.clients.jedis.util.JedisClusterCRC16.getSlot(key);
        for (int i = 0; i < masters; i++) {
            if (slot <= (i + 1) * SLOTS / masters - 1) {
                return i;
            }
        }
        throw new IllegalStateException("slot " + slot);
    }

    /** SIGSTOP: the process stays, holds its connections and answers nothing, as a hung Redis does. */
    public static void freeze(Node node) {
        signal(node.process().pid(), "STOP");
    }

    /** SIGCONT after {@link #freeze}. */
    public static void thaw(Node node) {
        signal(node.process().pid(), "CONT");
    }

    /** The same for an embedded Redis, a process of its own that writes its pid in its data directory. */
    public static void freeze(EmbeddedRedis redis) {
        signal(pidOf(redis), "STOP");
    }

    /** SIGCONT after {@link #freeze(EmbeddedRedis)}. */
    public static void thaw(EmbeddedRedis redis) {
        signal(pidOf(redis), "CONT");
    }

    private static long pidOf(EmbeddedRedis redis) {
        try {
            return Long.parseLong(Files.readString(redis.dataDir().resolve(EmbeddedRedis.PID_FILE)).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** How many replicas are connected to {@code master} and in sync now. */
    public static long onlineReplicas(Node master) {
        try (Jedis jedis = master.jedis()) {
            return jedis.info("replication").lines().filter(l -> l.startsWith("slave") && l.contains("state=online"))
                    .count();
        } catch (RuntimeException notYet) {
            return -1;
        }
    }

    /** {@code 127.0.0.1:port,…} for {@code sitrep.redis.cluster.nodes} or {@code .sentinel.nodes}. */
    public static String addresses(List<Node> nodes) {
        return String.join(",", nodes.stream().map(Node::address).toList());
    }

    private Process start(String name, List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve(name + ".log").toFile()).start();
            processes.add(process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A port for a cluster node: Redis also listens on port + 10000 for the cluster bus, so both
     * must be free and the port at most 55535 (the kernel hands out ephemeral ports up to 60999).
     */
    static int freeClusterPort() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = random.nextInt(20_000, 45_000);
            if (free(port) && free(port + 10_000)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port pair for a cluster node");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        processes.forEach(Process::destroyForcibly);
    }

    /** One {@code redis-server} process. */
    public record Node(int port, Process process, String password) {

        public String address() {
            return "127.0.0.1:" + port;
        }

        /** A connection as the default user. */
        public Jedis jedis() {
            Jedis jedis = new Jedis("127.0.0.1", port);
            if (password != null) {
                jedis.auth(password);
            }
            return jedis;
        }

        /** SIGKILL: no shutdown, no last save, no goodbye to the replicas. */
        public void kill() {
            process.destroyForcibly();
        }
    }
}
