package io.sitrep.bot.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import io.sitrep.bot.command.CommandContext;
import io.sitrep.bot.command.CommandDispatcher;
import io.sitrep.bot.health.HealthView;
import io.sitrep.bot.runbook.RunbookCatalog;
import io.sitrep.config.ReminderSettings;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentEvent;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.ReminderIndexer;
import io.sitrep.incident.ReminderPlan;
import io.sitrep.incident.UpdateSchedule;
import io.sitrep.incident.lifecycle.IncidentLifecycle;
import io.sitrep.incident.lifecycle.SpringStatemachineLifecycle;
import io.sitrep.incident.lifecycle.TransitionRequest;
import io.sitrep.integrations.chat.Actor;
import io.sitrep.integrations.chat.ChannelRef;
import io.sitrep.integrations.chat.ChatCommand;
import io.sitrep.integrations.chat.CommandOutcome;
import io.sitrep.integrations.redis.EmbeddedRedis;
import io.sitrep.integrations.redis.RedisConnection;
import io.sitrep.integrations.redis.RedisIncidentStore;
import io.sitrep.integrations.redis.RedisReminderQueue;

/**
 * Throughput, latency and Redis round trips of lifecycle commands through the real dispatcher,
 * on a real embedded Redis with the production settings (append-only, fsync on every write).
 * Each client thread walks its own incident round the lifecycle:
 * identified → monitoring → update → reopen → note, again and again.
 *
 * <p>Run with {@code ./mvnw -q -Pbench -DskipTests -pl bot -am verify}; arguments (system
 * properties): {@code bench.threads} (8), {@code bench.seconds} (20), {@code bench.warmup} (5).
 */
public final class CommandBenchmark {

    private static final String[] CYCLE = {
        "identified \"cache deadlock\"", "monitoring \"restarted the component\"", "update \"watching error rates\"",
        "reopen \"errors are back\"", "note \"thread dump captured\""
    };

    public static void main(String[] args) throws Exception {
        int threads = Integer.getInteger("bench.threads", 8);
        int seconds = Integer.getInteger("bench.seconds", 20);
        int warmup = Integer.getInteger("bench.warmup", 5);
        // One log line per command is right for an incident bot, and noise in a benchmark.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Path dataDir = Files.createTempDirectory("sitrep-bench");
        try (EmbeddedRedis redis = EmbeddedRedis.start(dataDir);
             RedisConnection connection = RedisConnection.open(redis.url())) {
            RedisIncidentStore store = new RedisIncidentStore(connection);
            IncidentLifecycle lifecycle = new SpringStatemachineLifecycle();
            UpdateSchedule schedule = new UpdateSchedule(ReminderSettings.defaults());
            // As the application wires it: every write keeps the reminder queue in step.
            ReminderIndexer reminders = new ReminderIndexer(new ReminderPlan(schedule,
                    ReminderSettings.defaults().escalateAfter()), new RedisReminderQueue(connection));
            CommandDispatcher dispatcher = new CommandDispatcher(new CommandContext(store,
                    new IncidentWriter(store, lifecycle, reminders), lifecycle, schedule,
                    Clock.systemUTC(), "stakeholders", dataDir.resolve("exports"), HealthView.NONE, RunbookCatalog.load(null)));

            List<String> incidents = new ArrayList<>();
            long declareTrips = connection.counter().roundTrips();
            for (int t = 0; t < threads; t++) {
                incidents.add(run(dispatcher, "declare \"bench incident " + t + "\" --sev 2 --service bench")
                        .incident().orElseThrow());
            }
            double tripsPerDeclare = (connection.counter().roundTrips() - declareTrips) / (double) threads;

            int[] steps = new int[threads];
            Result warm = drive(dispatcher, incidents, steps, warmup, connection);
            Result result = drive(dispatcher, incidents, steps, seconds, connection);
            LifecycleCost cost = lifecycleCost(lifecycle);

            System.out.printf(Locale.ROOT, "%nSitrep command benchmark: %d client threads, %d s measured after %d s warm-up, "
                    + "%d cores, embedded Redis (appendfsync always)%n", threads, seconds, warmup,
                    Runtime.getRuntime().availableProcessors());
            System.out.println("| metric | value |");
            System.out.println("|---|---|");
            System.out.printf(Locale.ROOT, "| lifecycle commands | %d (%d failed) |%n", result.commands, result.failures);
            System.out.printf(Locale.ROOT, "| throughput | %.0f commands/s |%n", result.commands / (double) seconds);
            System.out.printf(Locale.ROOT, "| latency p50 / p99 / p99.9 / max | %.2f / %.2f / %.2f / %.2f ms |%n",
                    result.percentile(50), result.percentile(99), result.percentile(99.9), result.percentile(100));
            System.out.printf(Locale.ROOT, "| Redis round trips per lifecycle command | %.2f |%n", result.tripsPerCommand());
            System.out.printf(Locale.ROOT, "| Redis round trips per declare | %.2f |%n", tripsPerDeclare);
            System.out.printf(Locale.ROOT, "| lifecycle decision, pooled machine | %.1f µs |%n", cost.pooledMicros);
            System.out.printf(Locale.ROOT, "| lifecycle decision, machine built per call (baseline) | %.1f µs (%.1f× the pooled) |%n",
                    cost.freshMicros, cost.freshMicros / cost.pooledMicros);
            System.out.printf(Locale.ROOT, "(warm-up: %.0f commands/s)%n", warm.commands / (double) warmup);
            if (result.failures > 0) {
                System.exit(1);
            }
        }
    }

    private static CommandOutcome run(CommandDispatcher dispatcher, String text) {
        CommandOutcome outcome = dispatcher.handle(new ChatCommand(text, new Actor("bench"), new ChannelRef("bench", "bench")));
        if (!outcome.ok()) {
            throw new IllegalStateException(text + ": " + outcome.error().orElse("?"));
        }
        return outcome;
    }

    private record Result(long commands, long failures, long[] latenciesNanos, long roundTrips) {
        double percentile(double p) {
            if (latenciesNanos.length == 0) {
                return 0;
            }
            int index = (int) Math.ceil(p / 100.0 * latenciesNanos.length) - 1;
            return latenciesNanos[Math.max(0, Math.min(latenciesNanos.length - 1, index))] / 1_000_000.0;
        }

        double tripsPerCommand() {
            return commands == 0 ? 0 : roundTrips / (double) commands;
        }
    }

    /** Drives each incident round the cycle; {@code steps} keeps each one's place between runs. */
    private static Result drive(CommandDispatcher dispatcher, List<String> incidents, int[] steps, int seconds,
                                RedisConnection connection) throws InterruptedException {
        AtomicLong deadline = new AtomicLong(Long.MAX_VALUE);
        AtomicLong failures = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<long[]> perThread = new ArrayList<>();
        List<int[]> counts = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < incidents.size(); i++) {
            String incident = incidents.get(i);
            int slot = i;
            long[] latencies = new long[4_000_000];
            int[] count = new int[1];
            perThread.add(latencies);
            counts.add(count);
            Thread worker = new Thread(() -> {
                ChannelRef channel = new ChannelRef("bench", "bench");
                Actor actor = new Actor("bench");
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                while (System.nanoTime() < deadline.get() && count[0] < latencies.length) {
                    String parts = CYCLE[steps[slot]++ % CYCLE.length];
                    String word = parts.substring(0, parts.indexOf(' '));
                    String text = word + " " + incident + parts.substring(parts.indexOf(' '));
                    long began = System.nanoTime();
                    CommandOutcome outcome = dispatcher.handle(new ChatCommand(text, actor, channel));
                    latencies[count[0]++] = System.nanoTime() - began;
                    if (!outcome.ok() && failures.incrementAndGet() <= 3) {
                        System.err.println("failed: " + text + " -> " + outcome.error().orElse("?"));
                    }
                }
            }, "bench-" + incident);
            workers.add(worker);
            worker.start();
        }
        long tripsBefore = connection.counter().roundTrips();
        deadline.set(System.nanoTime() + Duration.ofSeconds(seconds).toNanos());
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        long trips = connection.counter().roundTrips() - tripsBefore;
        int total = counts.stream().mapToInt(c -> c[0]).sum();
        long[] all = new long[total];
        int offset = 0;
        for (int i = 0; i < perThread.size(); i++) {
            System.arraycopy(perThread.get(i), 0, all, offset, counts.get(i)[0]);
            offset += counts.get(i)[0];
        }
        Arrays.sort(all);
        return new Result(total, failures.get(), all, trips);
    }

    private record LifecycleCost(double pooledMicros, double freshMicros) {
    }

    /** What reusing state machines saves: one decision on the pool against one on a freshly built machine. */
    private static LifecycleCost lifecycleCost(IncidentLifecycle pooled) {
        Incident incident = BenchIncidents.investigating(new IncidentId(1));
        TransitionRequest request = new TransitionRequest("root cause");
        for (int i = 0; i < 20_000; i++) {
            pooled.fire(incident, IncidentEvent.IDENTIFY, request);
        }
        int n = 50_000;
        long began = System.nanoTime();
        for (int i = 0; i < n; i++) {
            pooled.fire(incident, IncidentEvent.IDENTIFY, request);
        }
        double pooledMicros = (System.nanoTime() - began) / 1_000.0 / n;
        int m = 500;
        began = System.nanoTime();
        for (int i = 0; i < m; i++) {
            new SpringStatemachineLifecycle().fire(incident, IncidentEvent.IDENTIFY, request);
        }
        double freshMicros = (System.nanoTime() - began) / 1_000.0 / m;
        if (pooled.fire(incident, IncidentEvent.IDENTIFY, request) == null
                || incident.state() != IncidentState.INVESTIGATING) {
            throw new IllegalStateException("unexpected lifecycle result");
        }
        return new LifecycleCost(pooledMicros, freshMicros);
    }
}
