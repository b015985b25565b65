package io.sitrep.bot.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.sitrep.bot.notice.Notices;
import io.sitrep.bot.reminder.ReminderScheduler;
import io.sitrep.config.ReminderSettings;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.ReminderIndexer;
import io.sitrep.incident.ReminderPlan;
import io.sitrep.incident.Role;
import io.sitrep.incident.Severity;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.UpdateSchedule;
import io.sitrep.incident.lifecycle.SpringStatemachineLifecycle;
import io.sitrep.integrations.redis.EmbeddedRedis;
import io.sitrep.integrations.redis.RedisConnection;
import io.sitrep.integrations.redis.RedisIncidentStore;
import io.sitrep.integrations.redis.RedisReminderQueue;

/**
 * Reminder precision and idle cost: {@code bench.incidents} (10,000) open incidents whose update
 * cadences are a few seconds (SEV1 5 s … SEV4 20 s), first due times spread over one cadence,
 * nobody posting updates, so each reminds again every cadence. The real scheduler polls the
 * real queue on an embedded Redis with the production settings (fsync on every write) and the
 * wall clock. Lateness is read back from each reminder's timeline entry. Then everything is
 * moved an hour out and the scheduler thread's CPU time is measured while nothing is due.
 *
 * <p>Run with {@code ./mvnw -q -Pbench -DskipTests -pl bot -am verify -Dbench.skip.commands=true
 * -Dbench.skip.slack=true}; arguments: {@code bench.incidents} (10000), {@code bench.seconds} (60).
 */
public final class ReminderBenchmark {

    public static void main(String[] args) throws Exception {
        int incidents = Integer.getInteger("bench.incidents", 10_000);
        int seconds = Integer.getInteger("bench.reminder.seconds", 60);
        int idleSeconds = Integer.getInteger("bench.idle.seconds", 30);
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        ReminderSettings settings = new ReminderSettings(Duration.ofSeconds(10), Map.of("SEV1", Duration.ofSeconds(5),
                "SEV2", Duration.ofSeconds(10), "SEV3", Duration.ofSeconds(15), "SEV4", Duration.ofSeconds(20)),
                Duration.ofSeconds(20), Duration.ZERO, "");
        Path dataDir = Files.createTempDirectory("sitrep-reminder-bench");
        try (EmbeddedRedis redis = EmbeddedRedis.start(dataDir);
             RedisConnection connection = RedisConnection.open(redis.url())) {
            Clock clock = Clock.systemUTC();
            RedisIncidentStore store = new RedisIncidentStore(connection);
            RedisReminderQueue queue = new RedisReminderQueue(connection);
            UpdateSchedule schedule = new UpdateSchedule(settings);
            ReminderPlan plan = new ReminderPlan(schedule, settings.escalateAfter());
            ReminderIndexer indexer = new ReminderIndexer(plan, queue);
            IncidentWriter writer = new IncidentWriter(store, new SpringStatemachineLifecycle(), indexer);
            AtomicLong posted = new AtomicLong();
            ReminderScheduler scheduler = new ReminderScheduler(store, writer, plan, queue, clock,
                    new Notices(delivery -> posted.incrementAndGet()), "");

            // First due times start once every incident exists and the scheduler runs: a backlog
            // left over from setting up would measure the set-up, not the scheduler.
            Instant start = clock.instant().plusSeconds(Integer.getInteger("bench.setup.seconds", 45));
            Severity[] severities = Severity.values();
            for (int n = 1; n <= incidents; n++) {
                Severity severity = severities[n % severities.length];
                Duration cadence = schedule.cadence(severity);
                Instant due = start.plusMillis(ThreadLocalRandom.current().nextLong(cadence.toMillis()));
                Incident incident = Incident.builder(new IncidentId(n), IncidentState.INVESTIGATING, severity, start)
                        .title("bench " + n).service("bench").roles(Map.of(Role.COMMANDER, "bench"))
                        .channel("inc-" + n + "-bench").declaredBy("bench").detectedAt(start).nextUpdateDueAt(due)
                        .build();
                store.create(incident, List.of(new TimelineEntry(start, start, TimelineKind.DECLARED, "bench", "bench",
                        "bench", Map.of())));
                indexer.written(null, incident);
            }

            Duration setUp = Duration.between(clock.instant(), start);
            if (setUp.isNegative()) {
                throw new IllegalStateException("set-up took longer than bench.setup.seconds; raise it");
            }
            scheduler.start(Duration.ofSeconds(2));
            Thread.sleep(setUp.plusSeconds(seconds).toMillis());
            scheduler.close();
            Instant measuredUntil = clock.instant();

            List<Long> lateness = new ArrayList<>();
            for (int n = 1; n <= incidents; n++) {
                for (TimelineEntry entry : store.timeline(new IncidentId(n))) {
                    if (entry.kind() == TimelineKind.REMINDER) {
                        lateness.add(((Number) entry.data().get("lateMillis")).longValue());
                    }
                }
            }
            long[] sorted = lateness.stream().mapToLong(Long::longValue).sorted().toArray();

            // Idle: everything an hour out; only the polling remains.
            Instant later = clock.instant().plus(Duration.ofHours(1));
            for (int n = 1; n <= incidents; n++) {
                IncidentId id = new IncidentId(n);
                queue.schedule(id, later, store.find(id).orElseThrow().version());
            }
            ReminderScheduler idle = new ReminderScheduler(store, writer, plan, queue, clock, new Notices(delivery -> { }), "");
            idle.start(Duration.ofSeconds(2));
            Thread.sleep(2000);
            long thread = reminderThread();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpuBefore = threads.getThreadCpuTime(thread);
            long wallBefore = System.nanoTime();
            Thread.sleep(Duration.ofSeconds(idleSeconds).toMillis());
            long cpu = threads.getThreadCpuTime(thread) - cpuBefore;
            long wall = System.nanoTime() - wallBefore;
            idle.close();

            System.out.printf(Locale.ROOT, "%nReminder benchmark: %d open incidents, cadences 5-20 s, %d s on the wall clock "
                    + "(until %s), %d cores%n%n", incidents, seconds, measuredUntil, Runtime.getRuntime().availableProcessors());
            System.out.println("| metric | value |");
            System.out.println("|---|---|");
            System.out.printf(Locale.ROOT, "| reminders sent (posted) | %d (%d), %.0f/s |%n", sorted.length, posted.get(),
                    sorted.length / (double) seconds);
            System.out.printf(Locale.ROOT, "| lateness p50 / p99 / max (target p99 ≤ 1 s, max ≤ 2 s) | %d / %d / %d ms |%n",
                    percentile(sorted, 50), percentile(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
            System.out.printf(Locale.ROOT, "| scheduler CPU at idle, %d incidents queued (target < 2%% of a core) | %.3f%% |%n",
                    incidents, 100.0 * cpu / wall);
        }
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)];
    }

    private static long reminderThread() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("reminders"))
                .mapToLong(Thread::getId).findFirst().orElseThrow();
    }
}
