package io.sitrep.bot.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import io.sitrep.bot.command.CommandDispatcher;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentEvent;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.lifecycle.IncidentLifecycle;
import io.sitrep.incident.lifecycle.SpringStatemachineLifecycle;
import io.sitrep.incident.lifecycle.TransitionRequest;
import io.sitrep.integrations.redis.EmbeddedRedis;
import io.sitrep.integrations.redis.RedisConnection;

/**
 * Throughput, latency and Redis round trips of lifecycle commands through the real dispatcher,
 * on a real embedded Redis with the production settings (append-only, fsync on every write).
 * Each client thread walks its own incident round the lifecycle:
 * identified → monitoring → update → reopen → note, again and again, each typed by someone
 * allowed to (its commander, its comms or an admin), so every command's permission is checked.
 *
 * <p>Run with {@code ./mvnw -q -Pbench -DskipTests -pl bot -am verify}; arguments (system
 * properties): {@code bench.threads} (8), {@code bench.seconds} (20), {@code bench.warmup} (5).
 */
public final class CommandBenchmark {

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
            CommandDispatcher dispatcher = CommandLoad.dispatcher(connection, dataDir);
            long declareTrips = connection.counter().roundTrips();
            List<String> incidents = CommandLoad.declare(dispatcher, threads);
            double tripsPerDeclare = (connection.counter().roundTrips() - declareTrips) / (double) threads;
            CommandLoad.staff(dispatcher, incidents);

            int[] steps = new int[threads];
            CommandLoad.Result warm = CommandLoad.drive(dispatcher, incidents, steps, warmup, connection);
            CommandLoad.Result result = CommandLoad.drive(dispatcher, incidents, steps, seconds, connection);
            LifecycleCost cost = lifecycleCost(new SpringStatemachineLifecycle());

            System.out.printf(Locale.ROOT, "%nSitrep command benchmark: %d client threads, %d s measured after %d s warm-up, "
                    + "%d cores, embedded Redis (appendfsync always)%n", threads, seconds, warmup,
                    Runtime.getRuntime().availableProcessors());
            System.out.println("| metric | value |");
            System.out.println("|---|---|");
            System.out.printf(Locale.ROOT, "| lifecycle commands | %d (%d failed) |%n", result.commands(), result.failures());
            System.out.printf(Locale.ROOT, "| throughput | %.0f commands/s |%n", result.commands() / (double) seconds);
            System.out.printf(Locale.ROOT, "| latency p50 / p99 / p99.9 / max | %.2f / %.2f / %.2f / %.2f ms |%n",
                    result.percentile(50), result.percentile(99), result.percentile(99.9), result.percentile(100));
            System.out.printf(Locale.ROOT, "| Redis round trips per lifecycle command | %.2f |%n", result.tripsPerCommand());
            System.out.printf(Locale.ROOT, "| Redis round trips per declare | %.2f |%n", tripsPerDeclare);
            System.out.printf(Locale.ROOT, "| lifecycle decision, pooled machine | %.1f µs |%n", cost.pooledMicros);
            System.out.printf(Locale.ROOT, "| lifecycle decision, machine built per call (baseline) | %.1f µs (%.1f× the pooled) |%n",
                    cost.freshMicros, cost.freshMicros / cost.pooledMicros);
            System.out.printf(Locale.ROOT, "(warm-up: %.0f commands/s)%n", warm.commands() / (double) warmup);
            if (result.failures() > 0) {
                System.exit(1);
            }
        }
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
