package io.sitrep.bot.bench;

import io.sitrep.bot.EveryCommand;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;

import io.sitrep.bot.command.CommandContext;
import io.sitrep.bot.command.CommandDispatcher;
import io.sitrep.bot.health.HealthRecorder;
import io.sitrep.bot.health.HealthWatch;
import io.sitrep.bot.health.SharedHealth;
import io.sitrep.bot.notice.Notices;
import io.sitrep.bot.notice.TriageDeclarer;
import io.sitrep.config.HealthSettings;
import io.sitrep.config.ReminderSettings;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.UpdateSchedule;
import io.sitrep.incident.lifecycle.SpringStatemachineLifecycle;
import io.sitrep.integrations.chat.Actor;
import io.sitrep.integrations.chat.ChannelRef;
import io.sitrep.integrations.chat.ChatCommand;
import io.sitrep.integrations.health.HttpProbeSource;
import io.sitrep.integrations.health.Target;
import io.sitrep.integrations.redis.EmbeddedRedis;
import io.sitrep.integrations.redis.RedisConnection;
import io.sitrep.integrations.redis.RedisHealthBoard;
import io.sitrep.integrations.redis.RedisIncidentLinks;
import io.sitrep.integrations.redis.RedisIncidentStore;

/**
 * From the moment a probed target hangs to the timeline entry on its incident, with the default
 * settings (5 s interval, 2 s probe timeout, 2 results in a row), while {@code bench.targets}
 * (500) targets are probed every interval. Each of {@code bench.trials} (20) trials makes the
 * target hang at a random moment of the poll cycle and waits for the HEALTH_CHANGED entry.
 * First, the CPU the watch's threads use over {@code bench.cpu.seconds} (60) with every target
 * healthy.
 *
 * <p>Run with {@code ./mvnw -q -Pbench -DskipTests -pl bot -am verify -Dbench.skip.commands=true
 * -Dbench.skip.slack=true -Dbench.skip.reminders=true -Dbench.skip.export=true}.
 */
public final class HealthBenchmark {

    public static void main(String[] args) throws Exception {
        int targets = Integer.getInteger("bench.targets", 500);
        int trials = Integer.getInteger("bench.trials", 20);
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        // A hang is a request accepted and held until the latch is released: the deadlocked node.
        AtomicReference<CountDownLatch> hang = new AtomicReference<>(new CountDownLatch(0));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            if (exchange.getRequestURI().getPath().equals("/t0")) {
                try {
                    hang.get().await(); // accepted, never answered while hung
                } catch (InterruptedException e) {
                    return;
                }
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/t";
        Path dataDir = Files.createTempDirectory("sitrep-health-bench");
        try (EmbeddedRedis redis = EmbeddedRedis.start(dataDir);
             RedisConnection connection = RedisConnection.open(redis.url())) {
            Clock clock = Clock.systemUTC();
            RedisIncidentStore store = new RedisIncidentStore(connection);
            HealthSettings settings = HealthSettings.defaults(List.of());
            RedisHealthBoard board = new RedisHealthBoard(connection);
            SharedHealth health = new SharedHealth(board, settings, clock, List.of("http-probes"));
            SpringStatemachineLifecycle lifecycle = new SpringStatemachineLifecycle(health);
            IncidentWriter writer = new IncidentWriter(store, lifecycle);
            UpdateSchedule schedule = new UpdateSchedule(ReminderSettings.defaults());
            List<HttpProbeSource.Probe> probes = new ArrayList<>();
            for (int i = 0; i < targets; i++) {
                probes.add(new HttpProbeSource.Probe(new Target("t" + i, i == 0 ? "login" : "svc-" + i, null),
                        URI.create(base + i)));
            }
            HttpProbeSource source = new HttpProbeSource(probes, settings.probeTimeout());
            Notices notices = new Notices(delivery -> { });
            HealthRecorder recorder = new HealthRecorder(store, writer, notices,
                    new TriageDeclarer(writer, lifecycle, schedule, notices), new RedisIncidentLinks(connection), true);
            HealthWatch watch = new HealthWatch(List.of(source), settings, clock, board,
                    new io.sitrep.integrations.redis.RedisLeaderLease(connection), recorder);
            new CommandDispatcher(new CommandContext(store, writer, lifecycle, schedule, clock, "stakeholders"),
                    EveryCommand.standard().health(health).exports(dataDir.resolve("exports")).sets()).handle(new ChatCommand(
                    "declare \"Login failing\" --service login", new Actor("bench"), new ChannelRef("bench", "bench")));
            IncidentId incident = new IncidentId(1);
            watch.start();
            // The watch runs on the wall clock, which is what is measured: two ticks to settle.
            Thread.sleep(settings.interval().multipliedBy(2).toMillis());
            WatchCpu cpu = WatchCpu.measure(Duration.ofSeconds(Integer.getInteger("bench.cpu.seconds", 60)));

            long[] latencies = new long[trials];
            for (int trial = 0; trial < trials; trial++) {
                // Each hang starts at a random point of the poll cycle, as a real one would.
                Thread.sleep(ThreadLocalRandom.current().nextLong(settings.interval().toMillis()));
                int before = healthEntries(store, incident);
                long start = System.nanoTime();
                hang.set(new CountDownLatch(1));
                BenchWait.until(() -> healthEntries(store, incident) > before, Duration.ofMinutes(2));
                latencies[trial] = (System.nanoTime() - start) / 1_000_000;
                hang.get().countDown();
                int down = healthEntries(store, incident);
                // The recovery before the next trial.
                BenchWait.until(() -> healthEntries(store, incident) > down, Duration.ofMinutes(2));
            }
            watch.close();
            source.close();
            Arrays.sort(latencies);
            System.out.printf(Locale.ROOT, "%nHealth benchmark: %d targets probed every %s (timeout %s, %d in a row), "
                    + "%d trials%n%n| metric | value |%n|---|---|%n", targets, settings.interval(), settings.probeTimeout(),
                    settings.consecutive(), trials);
            System.out.printf(Locale.ROOT, "| watch CPU, all %d targets healthy (health and HTTP client threads) | "
                    + "%.2f s per minute (%.1f%% of one core) |%n", targets, cpu.watchSecondsPerMinute(),
                    cpu.watchSecondsPerMinute() / 60 * 100);
            System.out.printf(Locale.ROOT, "| the whole JVM meanwhile, the %d local targets' server included | "
                    + "%.2f s per minute |%n", targets, cpu.processSecondsPerMinute());
            System.out.printf(Locale.ROOT, "| hang → timeline entry, min / median / p99 / max (target p99 ≤ 7 s) | "
                    + "%.1f / %.1f / %.1f / %.1f s |%n", latencies[0] / 1000.0, latencies[trials / 2] / 1000.0,
                    latencies[Math.min(trials - 1, (int) Math.ceil(trials * 0.99) - 1)] / 1000.0,
                    latencies[trials - 1] / 1000.0);
        } finally {
            server.stop(0);
        }
    }

    /** CPU the watch's own threads used over a quiet stretch, and the whole process's for comparison. */
    private record WatchCpu(double watchSecondsPerMinute, double processSecondsPerMinute) {

        static WatchCpu measure(Duration stretch) throws InterruptedException {
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            java.util.Map<Long, Long> before = watchThreads(threads);
            long processBefore = os.getProcessCpuTime();
            Thread.sleep(stretch.toMillis());
            java.util.Map<Long, Long> after = watchThreads(threads);
            long processUsed = os.getProcessCpuTime() - processBefore;
            long used = 0;
            for (java.util.Map.Entry<Long, Long> thread : after.entrySet()) {
                used += thread.getValue() - before.getOrDefault(thread.getKey(), 0L);
            }
            double minutes = stretch.toMillis() / 60_000.0;
            return new WatchCpu(used / 1e9 / minutes, processUsed / 1e9 / minutes);
        }

        /** CPU nanoseconds so far of the threads that are the watch: its own and its HTTP client's. */
        private static java.util.Map<Long, Long> watchThreads(java.lang.management.ThreadMXBean threads) {
            java.util.Map<Long, Long> cpu = new java.util.HashMap<>();
            for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null && (info.getThreadName().startsWith("health-")
                        || info.getThreadName().startsWith("HttpClient-"))) {
                    cpu.put(info.getThreadId(), threads.getThreadCpuTime(info.getThreadId()));
                }
            }
            return cpu;
        }
    }

    private static int healthEntries(RedisIncidentStore store, IncidentId id) {
        return (int) store.timeline(id).stream().filter(e -> e.kind() == TimelineKind.HEALTH_CHANGED).count();
    }
}
