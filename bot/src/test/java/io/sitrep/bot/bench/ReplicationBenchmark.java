package io.sitrep.bot.bench;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.sitrep.bot.command.CommandDispatcher;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.integrations.chat.Actor;
import io.sitrep.integrations.chat.ChannelRef;
import io.sitrep.integrations.chat.ChatCommand;
import io.sitrep.integrations.chat.CommandFailure;
import io.sitrep.integrations.chat.CommandOutcome;
import io.sitrep.integrations.redis.RedisConnection;
import io.sitrep.integrations.redis.RedisIncidentStore;
import io.sitrep.integrations.redis.RedisServers;
import redis.clients.jedis.Jedis;

/**
 * What {@code sitrep.redis.wait-replicas} costs and what a failover costs, on real
 * {@code redis-server} processes (Debian's): a master with two replicas, append-only with an
 * fsync every second, and three sentinels, all on this machine. In one run:
 * <ol>
 *   <li>lifecycle commands through the dispatcher (as {@link CommandBenchmark}) with
 *       {@code wait-replicas} 0 and 1, alternating, two rounds each;</li>
 *   <li>failovers: the master is killed with SIGKILL while clients add notes, and the time from
 *       its death to the first command begun after it that succeeds is measured, together with
 *       the notes acknowledged before the death that the promoted replica lacks. The killed
 *       node then comes back as a replica, and the next failover alternates the setting.</li>
 * </ol>
 *
 * <p>Run with {@code ./mvnw -q -Pbench -DskipTests -pl bot -am verify} (the other benchmarks
 * skipped with {@code -Dbench.skip.<name>=true}); arguments: {@code bench.threads} (8),
 * {@code bench.seconds} (20), {@code bench.warmup} (5), {@code bench.failovers} (4).
 */
public final class ReplicationBenchmark {

    private static final String MASTER = "sitrep";
    private static final List<String> PERSISTENCE = List.of("--appendonly", "yes", "--appendfsync", "everysec");

    public static void main(String[] args) throws Exception {
        int threads = Integer.getInteger("bench.threads", 8);
        int seconds = Integer.getInteger("bench.seconds", 20);
        int warmup = Integer.getInteger("bench.warmup", 5);
        int failovers = Integer.getInteger("bench.failovers", 4);
        if (!RedisServers.available()) {
            System.out.println("Replication benchmark skipped: " + RedisServers.MISSING);
            return;
        }
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.ERROR);
        Path dataDir = Files.createTempDirectory("sitrep-replication-bench");
        try (RedisServers servers = new RedisServers("sitrep-replication-bench")) {
            List<RedisServers.Node> nodes = new ArrayList<>();
            nodes.add(servers.redis("node", PERSISTENCE));
            for (int i = 0; i < 2; i++) {
                nodes.add(servers.redis("node", replicaOf(nodes.get(0))));
            }
            List<String> sentinels = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                sentinels.add(servers.sentinel(MASTER, nodes.get(0).port()).address());
            }
            awaitTwoReplicas(nodes.get(0), sentinels);

            try (RedisConnection plain = RedisConnection.openSentinel(MASTER, String.join(",", sentinels),
                    "redis://localhost:6379/0", 0)) {
                RedisConnection waiting = plain.waitingFor(1);
                CommandDispatcher unreplicated = CommandLoad.dispatcher(plain, dataDir);
                CommandDispatcher replicated = CommandLoad.dispatcher(waiting, dataDir);
                List<String> incidents = CommandLoad.declare(unreplicated, threads);
                CommandLoad.staff(unreplicated, incidents);
                int[] steps = new int[threads];
                CommandLoad.drive(unreplicated, incidents, steps, warmup, plain);
                CommandLoad.drive(replicated, incidents, steps, warmup, waiting);

                System.out.printf(Locale.ROOT, "%nSitrep replication benchmark: %d client threads, %d s per round after "
                        + "%d s warm-up each, %d cores; Debian redis-server %s: master + 2 replicas (appendfsync "
                        + "everysec) + 3 sentinels on this machine%n", threads, seconds, warmup,
                        Runtime.getRuntime().availableProcessors(), redisVersion(nodes.get(0)));
                System.out.println("| wait-replicas | round | commands/s | p50 | p99 | p99.9 | round trips/command | failed |");
                System.out.println("|---|---|---|---|---|---|---|---|");
                for (int round = 1; round <= 2; round++) {
                    row(0, round, CommandLoad.drive(unreplicated, incidents, steps, seconds, plain), seconds);
                    row(1, round, CommandLoad.drive(replicated, incidents, steps, seconds, waiting), seconds);
                }

                System.out.println();
                System.out.println("| failover | wait-replicas | master killed → first command that succeeds | commands "
                        + "refused meanwhile (unavailable) | other failures | acknowledged notes lost |");
                System.out.println("|---|---|---|---|---|---|");
                RedisIncidentStore store = new RedisIncidentStore(plain);
                for (int f = 1; f <= failovers; f++) {
                    int wait = f % 2 == 1 ? 1 : 0;
                    RedisServers.Node master = currentMaster(nodes, sentinels.get(0));
                    Failover result = failover(wait == 1 ? replicated : unreplicated, store, incidents, master::kill);
                    System.out.printf(Locale.ROOT, "| %d | %d | %,d ms | %,d | %d | %d |%n", f, wait,
                            result.toFirstSuccess().toMillis(), result.refused(), result.otherFailures(), result.lost());
                    RedisServers.Node back = servers.redis("node", master.port(),
                            replicaOf(currentMaster(nodes, sentinels.get(0))));
                    nodes.set(nodes.indexOf(master), back);
                    awaitTwoReplicas(currentMaster(nodes, sentinels.get(0)), sentinels);
                }
            }
        }
    }

    private static void row(int wait, int round, CommandLoad.Result result, int seconds) {
        System.out.printf(Locale.ROOT, "| %d | %d | %,.0f | %.2f ms | %.2f ms | %.2f ms | %.2f | %d |%n", wait, round,
                result.commands() / (double) seconds, result.percentile(50), result.percentile(99),
                result.percentile(99.9), result.tripsPerCommand(), result.failures());
    }

    private record Failover(Duration toFirstSuccess, long refused, long otherFailures, long lost) {
    }

    /**
     * Clients add notes as fast as they are answered; {@code kill} runs once they are under way.
     * Counts the notes acknowledged before the kill that are missing from the timelines after it.
     */
    private static Failover failover(CommandDispatcher dispatcher, RedisIncidentStore store, List<String> incidents,
                                     Runnable kill) throws InterruptedException {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong killedAt = new AtomicLong();
        AtomicLong backAt = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong otherwise = new AtomicLong();
        List<Thread> clients = new ArrayList<>();
        for (String incident : incidents) {
            Thread client = new Thread(() -> {
                for (int n = 0; running.get(); n++) {
                    String text = "probe " + incident + " " + n + " " + System.nanoTime();
                    long began = System.nanoTime();
                    CommandOutcome outcome = dispatcher.handle(new ChatCommand("note " + incident + " \"" + text + "\"",
                            new Actor("bench"), new ChannelRef("bench", "bench")));
                    if (outcome.ok()) {
                        acknowledged.add(text);
                        if (killedAt.get() != 0 && began > killedAt.get()) {
                            backAt.compareAndSet(0, System.nanoTime());
                        }
                    } else {
                        // 503 is the only right answer while the master is away; anything else is counted apart.
                        (outcome.failure().orElse(null) == CommandFailure.UNAVAILABLE ? refused : otherwise)
                                .incrementAndGet();
                        LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
                    }
                }
            }, "failover-" + incident);
            client.setDaemon(true); // a failover that never ends must not keep the benchmark's JVM alive
            clients.add(client);
            client.start();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> acknowledged.size() >= 200);
        long refusedBefore = refused.get();
        long otherwiseBefore = otherwise.get();
        kill.run();
        killedAt.set(System.nanoTime());
        Set<String> beforeTheKill = Set.copyOf(acknowledged);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(10)).until(() -> backAt.get() != 0);
        running.set(false);
        for (Thread client : clients) {
            client.join();
        }
        Set<String> stored = ConcurrentHashMap.newKeySet();
        for (String incident : incidents) {
            store.timeline(IncidentId.parse(incident)).stream().map(TimelineEntry::text).forEach(stored::add);
        }
        long lost = beforeTheKill.stream().filter(note -> !stored.contains(note)).count();
        return new Failover(Duration.ofNanos(backAt.get() - killedAt.get()), refused.get() - refusedBefore,
                otherwise.get() - otherwiseBefore, lost);
    }

    private static List<String> replicaOf(RedisServers.Node master) {
        List<String> arguments = new ArrayList<>(PERSISTENCE);
        arguments.addAll(List.of("--replicaof", "127.0.0.1", Integer.toString(master.port())));
        return arguments;
    }

    private static RedisServers.Node currentMaster(List<RedisServers.Node> nodes, String sentinel) {
        String[] hostPort = sentinel.split(":");
        try (Jedis jedis = new Jedis(hostPort[0], Integer.parseInt(hostPort[1]))) {
            int port = Integer.parseInt(jedis.sentinelGetMasterAddrByName(MASTER).get(1));
            return nodes.stream().filter(node -> node.port() == port).findFirst().orElseThrow();
        }
    }

    /** Until the master has two replicas in sync and every sentinel knows both (else it could not move them). */
    private static void awaitTwoReplicas(RedisServers.Node master, List<String> sentinels) {
        await().atMost(Duration.ofSeconds(60)).until(() -> RedisServers.onlineReplicas(master) == 2);
        await().atMost(Duration.ofSeconds(90)).until(() ->
                sentinels.stream().allMatch(sentinel -> RedisServers.replicasKnownTo(sentinel, MASTER) == 2));
    }

    private static String redisVersion(RedisServers.Node node) {
        try (Jedis jedis = node.jedis()) {
            return jedis.info("server").lines().filter(l -> l.startsWith("redis_version:")).findFirst()
                    .map(l -> l.substring("redis_version:".length()).strip()).orElse("?");
        }
    }
}
