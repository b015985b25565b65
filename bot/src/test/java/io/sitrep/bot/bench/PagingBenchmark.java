package io.sitrep.bot.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.sitrep.bot.delivery.DeliveryWorkers;
import io.sitrep.bot.delivery.DurableOutbox;
import io.sitrep.bot.notice.Notices;
import io.sitrep.bot.oncall.AlwaysOnCall;
import io.sitrep.bot.oncall.OnCallDesk;
import io.sitrep.bot.oncall.OnCallDirectory;
import io.sitrep.bot.oncall.OnCallFiles;
import io.sitrep.bot.oncall.OnCallLoader;
import io.sitrep.bot.oncall.OverrideStore;
import io.sitrep.bot.paging.PageNotifications;
import io.sitrep.bot.paging.PageStep;
import io.sitrep.bot.paging.PageTargets;
import io.sitrep.bot.paging.PagingRule;
import io.sitrep.bot.paging.TimelineReceipts;
import io.sitrep.bot.reminder.ReminderAlarm;
import io.sitrep.bot.reminder.ReminderScheduler;
import io.sitrep.bot.reminder.WakingReminderQueue;
import io.sitrep.config.DeliverySettings;
import io.sitrep.config.ReminderSettings;
import io.sitrep.config.SlackSettings;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentChange;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.ReminderIndexer;
import io.sitrep.incident.ReminderPlan;
import io.sitrep.incident.Role;
import io.sitrep.incident.Severity;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.UpdateSchedule;
import io.sitrep.incident.lifecycle.IncidentLifecycle;
import io.sitrep.incident.lifecycle.SpringStatemachineLifecycle;
import io.sitrep.incident.paging.Page;
import io.sitrep.incident.paging.Paging;
import io.sitrep.integrations.chat.slack.FakeSlackApi;
import io.sitrep.integrations.chat.slack.SlackConnector;
import io.sitrep.integrations.redis.EmbeddedRedis;
import io.sitrep.integrations.redis.RedisConnection;
import io.sitrep.integrations.redis.RedisDeliveryQueue;
import io.sitrep.integrations.redis.RedisIncidentRooms;
import io.sitrep.integrations.redis.RedisIncidentStore;
import io.sitrep.integrations.redis.RedisOnCall;
import io.sitrep.integrations.redis.RedisReminderQueue;

/**
 * Paging, end to end in one JVM: three "replicas" on one embedded Redis (production settings,
 * fsync on every write), each with its own writer (the paging rule), reminder clock (stepping
 * pages, its own alarm), durable outbox and delivery workers sending through the real Slack
 * gateway to a local fake Slack Web API, which timestamps every direct message it receives.
 * <ol>
 * <li>trigger → first notification: {@code bench.paging.declarations} (200) SEV1 declarations,
 * 20 a second across the replicas, each timed from its declaration to the first page DM Slack
 * received for it;</li>
 * <li>escalation lateness: {@code bench.paging.waiting} (10,000) incidents with a live page
 * notified at level 1 whose escalation falls due spread over {@code bench.paging.spread.seconds}
 * (60); lateness is the ESCALATED entry's time minus the page's due time;</li>
 * <li>an alert storm: {@code bench.paging.storm} (1,000) SEV1 incidents across ten services
 * declared at once; the time until every person of every page has its DM, and whether anyone
 * was notified twice (per incident, person, method and level, at Slack and on the pages).</li>
 * </ol>
 *
 * <p>Run with {@code ./mvnw -q -Pbench -DskipTests -pl bot -am verify} with every other
 * benchmark skipped (docs/performance.md, "Paging").
 */
public final class PagingBenchmark {

    private static final IncidentLifecycle LIFECYCLE = new SpringStatemachineLifecycle();
    private static final UpdateSchedule SCHEDULE = new UpdateSchedule(ReminderSettings.defaults());
    private static final ReminderPlan PLAN = new ReminderPlan(SCHEDULE, Duration.ofMinutes(15));
    private static final Pattern PAGED = Pattern.compile("You are paged for INC-(\\d+) ");
    private static final String ANT = "U0ANT";
    private static final String BEA = "U0BEA";
    private static final String LEAD = "U0LEAD";
    private static final String PEOPLE = """
            people:
              ant: { slack: U0ANT }
              bea: { slack: U0BEA }
              lead: { slack: U0LEAD }
            """;
    /** Level 1: whoever is on call (ant) and bea; level 2: the lead. Long waits: only the benchmark moves a page on. */
    private static final String POLICY = """
            id: bench
            services: [connectme, svc-0, svc-1, svc-2, svc-3, svc-4, svc-5, svc-6, svc-7, svc-8, svc-9]
            levels:
              - notify: [schedule:primary, person:bea]
                escalate-after: PT10M
              - notify: [person:lead]
                escalate-after: PT10M
            repeat: 0
            """;

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Path dataDir = Files.createTempDirectory("sitrep-paging-bench");
        List<Replica> replicas = new ArrayList<>();
        try (FakeSlackApi slack = new FakeSlackApi(); EmbeddedRedis redis = EmbeddedRedis.start(dataDir);
             RedisConnection admin = RedisConnection.open(redis.url())) {
            OnCallDirectory directory = OnCallLoader.load(List.of(new OnCallLoader.SourceFile("people.yml", PEOPLE),
                    new OnCallLoader.SourceFile("schedules/primary.yml", AlwaysOnCall.schedule("primary", "ant")),
                    new OnCallLoader.SourceFile("policies/bench.yml", POLICY)));
            if (!directory.problems().isEmpty()) {
                throw new IllegalStateException("the benchmark's on-call files do not load: " + directory.problems());
            }
            try {
                for (int n = 0; n < 3; n++) {
                    replicas.add(new Replica(RedisConnection.open(redis.url()), directory, slack));
                }
                List<String> rows = new ArrayList<>();
                rows.addAll(triggerToNotification(replicas, slack, Integer.getInteger("bench.paging.declarations", 200)));
                reset(admin, slack);
                rows.addAll(escalationLateness(replicas, admin, slack, Integer.getInteger("bench.paging.waiting", 10_000),
                        Integer.getInteger("bench.paging.spread.seconds", 60)));
                reset(admin, slack);
                rows.addAll(alertStorm(replicas, slack, Integer.getInteger("bench.paging.storm", 1_000)));
                System.out.printf(Locale.ROOT, "%nPaging benchmark: 3 replicas in one JVM on one embedded Redis, "
                        + "Slack DMs to a local fake Slack Web API, %d cores (load average %.1f at the end)%n%n",
                        Runtime.getRuntime().availableProcessors(),
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                System.out.println("| metric | value |");
                System.out.println("|---|---|");
                rows.forEach(System.out::println);
            } finally {
                for (Replica replica : replicas) {
                    replica.close(); // before Redis goes away under them
                }
            }
        }
    }

    /** (1) Each declaration timed to the first page DM Slack received for its incident. */
    private static List<String> triggerToNotification(List<Replica> replicas, FakeSlackApi slack, int count)
            throws Exception {
        Map<Long, Instant> declared = new ConcurrentHashMap<>();
        for (int i = 0; i < count; i++) {
            Instant now = Instant.now();
            IncidentId id = replicas.get(i % replicas.size()).declare("connectme", "Bench trigger " + i, now);
            declared.put(id.number(), now);
            Thread.sleep(50);
        }
        await(() -> notified(slack).size() >= count * 2L, Duration.ofSeconds(120));
        Map<Long, Instant> first = new HashMap<>();
        for (Dm dm : notified(slack)) {
            first.merge(dm.incident(), dm.at(), (a, b) -> a.isBefore(b) ? a : b);
        }
        List<Long> latencies = new ArrayList<>();
        declared.forEach((n, at) -> latencies.add(Duration.between(at, first.get(n)).toMillis()));
        Collections.sort(latencies);
        return List.of(String.format(Locale.ROOT, "| trigger → first Slack DM, %d SEV1 declarations at 20/s "
                        + "(target p99 ≤ 1 s) | p50 %d ms · p99 %d ms · max %d ms |", count, percentile(latencies, 50),
                percentile(latencies, 99), latencies.get(latencies.size() - 1)),
                String.format(Locale.ROOT, "| … DMs notifying someone twice | %d |", doubled(notified(slack))));
    }

    /** (2) Pages waiting at level 1, escalating on the replicas' clocks; lateness read from the timelines. */
    private static List<String> escalationLateness(List<Replica> replicas, RedisConnection admin, FakeSlackApi slack,
                                                   int count, int spreadSeconds) throws Exception {
        Instant from = Instant.now().plusSeconds(Integer.getInteger("bench.paging.setup.seconds", 40));
        Map<Integer, Instant> dueAt = new ConcurrentHashMap<>();
        ExecutorService setUp = Executors.newFixedThreadPool(8);
        List<Future<?>> writes = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            int number = n;
            Instant due = from.plusMillis(ThreadLocalRandom.current().nextLong(spreadSeconds * 1000L));
            dueAt.put(number, due);
            writes.add(setUp.submit(() -> replicas.get(number % replicas.size()).waiting(new IncidentId(number), due)));
        }
        for (Future<?> write : writes) {
            write.get();
        }
        setUp.shutdown();
        if (Instant.now().isAfter(from)) {
            throw new IllegalStateException("setting up took longer than bench.paging.setup.seconds; raise it");
        }
        Instant last = Collections.max(dueAt.values());
        Thread.sleep(Duration.between(Instant.now(), last).plusSeconds(5).toMillis());
        RedisIncidentStore store = new RedisIncidentStore(admin);
        await(() -> escalated(store, count) >= count, Duration.ofSeconds(120));
        List<Long> lateness = new ArrayList<>();
        int twice = 0;
        for (int n = 1; n <= count; n++) {
            List<TimelineEntry> escalations = store.timeline(new IncidentId(n)).stream()
                    .filter(e -> e.kind() == TimelineKind.ESCALATED).toList();
            twice += escalations.size() > 1 ? 1 : 0;
            if (!escalations.isEmpty()) {
                lateness.add(Duration.between(dueAt.get(n), escalations.get(0).at()).toMillis());
            }
        }
        Collections.sort(lateness);
        await(() -> notified(slack).size() >= count, Duration.ofSeconds(120));
        return List.of(String.format(Locale.ROOT, "| escalation lateness, %d pages waiting, due over %d s "
                        + "(target p99 ≤ 1 s) | p50 %d ms · p99 %d ms · max %d ms (%d escalated, %d twice) |", count,
                spreadSeconds, percentile(lateness, 50), percentile(lateness, 99), lateness.get(lateness.size() - 1),
                lateness.size(), twice),
                String.format(Locale.ROOT, "| … level-2 DMs received / notifying someone twice | %d / %d |",
                        notified(slack).size(), doubled(notified(slack))));
    }

    /** (3) Every incident declared at once; done when every person of every page has had a DM. */
    private static List<String> alertStorm(List<Replica> replicas, FakeSlackApi slack, int count) throws Exception {
        ExecutorService storm = Executors.newFixedThreadPool(16);
        Instant start = Instant.now();
        List<Future<IncidentId>> declared = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            declared.add(storm.submit(() -> replicas.get(n % replicas.size()).declare("svc-" + n % 10,
                    "Alert storm " + n, Instant.now())));
        }
        List<IncidentId> ids = new ArrayList<>();
        for (Future<IncidentId> id : declared) {
            ids.add(id.get());
        }
        Instant allDeclared = Instant.now();
        storm.shutdown();
        await(() -> notified(slack).size() >= count * 2L, Duration.ofSeconds(300));
        List<Dm> dms = notified(slack);
        Instant lastDm = dms.stream().map(Dm::at).max(Instant::compareTo).orElseThrow();
        // A DM is recorded by its channel, the person's direct-message channel.
        Set<String> everyone = Set.of(FakeSlackApi.directChannel(ANT), FakeSlackApi.directChannel(BEA));
        long reachedEveryone = ids.stream().filter(id -> dms.stream().filter(dm -> dm.incident() == id.number())
                .map(Dm::person).collect(java.util.stream.Collectors.toSet()).containsAll(everyone)).count();
        RedisIncidentStore store = new RedisIncidentStore(replicas.get(0).connection);
        long pagedTwice = 0;
        for (IncidentId id : ids) {
            List<Page.Notification> sent = store.find(id).orElseThrow().paging().pages().get(0).notifications();
            pagedTwice += sent.size() - sent.stream().map(s -> s.person() + " " + s.method() + " " + s.level() + " "
                    + s.round()).distinct().count();
        }
        return List.of(String.format(Locale.ROOT, "| alert storm: %d SEV1 incidents declared at once (in %d ms), "
                        + "every person notified | %d ms after the first declaration (%d of %d incidents reached both "
                        + "people) |", count, Duration.between(start, allDeclared).toMillis(),
                Duration.between(start, lastDm).toMillis(), reachedEveryone, count),
                String.format(Locale.ROOT, "| … notified twice (per incident, person, method, level): at Slack / on "
                        + "the pages | %d / %d |", doubled(dms), pagedTwice));
    }

    // ---- one replica's paging parts ------------------------------------------------------------

    /** What one Sitrep process runs for paging: writer and rule, clock and alarm, outbox and workers. */
    private static final class Replica implements AutoCloseable {

        private final RedisConnection connection;
        private final RedisIncidentStore store;
        private final ReminderIndexer indexer;
        private final IncidentWriter writer;
        private final SlackConnector slack;
        private final DeliveryWorkers workers;
        private final ReminderScheduler scheduler;

        Replica(RedisConnection connection, OnCallDirectory directory, FakeSlackApi fake) {
            Clock clock = Clock.systemUTC();
            this.connection = connection;
            store = new RedisIncidentStore(connection);
            RedisReminderQueue queue = new RedisReminderQueue(connection);
            ReminderAlarm alarm = new ReminderAlarm(clock);
            indexer = new ReminderIndexer(PLAN, new WakingReminderQueue(queue, alarm), store);
            PageTargets targets = new PageTargets(new OnCallDesk(OnCallFiles.of(directory),
                    new OverrideStore(new RedisOnCall(connection)), clock));
            writer = new IncidentWriter(store, LIFECYCLE, indexer,
                    new PagingRule(targets, Set.of(Severity.SEV1, Severity.SEV2), null, clock));
            slack = new SlackConnector(new SlackSettings("xoxb-bench", "bench-secret", "", "", fake.apiUrl()), clock,
                    "", "");
            DurableOutbox outbox = new DurableOutbox(new RedisDeliveryQueue(connection),
                    List.of(slack.gateway(store, LIFECYCLE, new RedisIncidentRooms(connection), false)), clock,
                    DeliverySettings.defaults(), DeliveryWorkers.Listener.NONE, new PageNotifications());
            workers = outbox.workers();
            workers.receiptsTo(new TimelineReceipts(writer, clock));
            workers.start();
            scheduler = new ReminderScheduler(store, writer, PLAN, queue, clock, new Notices(outbox), "");
            scheduler.pageWith(new PageStep(targets, Duration.ofMinutes(5), null));
            scheduler.start(Duration.ofSeconds(2), alarm);
        }

        /** A SEV1 declaration, as a command writes it: the paging rule adds the page, due at once. */
        IncidentId declare(String service, String title, Instant now) {
            return writer.declare(id -> new IncidentChange(Incident.builder(id, IncidentState.INVESTIGATING,
                            Severity.SEV1, now).title(title).service(service).roles(Map.of(Role.COMMANDER, "bench"))
                    .declaredBy("bench").detectedAt(now).nextUpdateDueAt(now.plus(Duration.ofHours(1))).build(),
                    List.of(new TimelineEntry(now, now, TimelineKind.DECLARED, "bench", "bench", "Declared " + title,
                            Map.of())))).incident().id();
        }

        /** An incident whose page notified level 1 and escalates at {@code due}, queued on this replica's clock. */
        void waiting(IncidentId id, Instant due) {
            Instant now = Instant.now();
            Page page = Page.requested(Paging.NONE.nextId(), "SEV1 waiting " + id, "bench", List.of(), "bench", now)
                    .notifiedAt(0, 0, List.of(new Page.Notification("ant", "slack", ANT, 0, 0, now)), due);
            Incident incident = Incident.builder(id, IncidentState.INVESTIGATING, Severity.SEV1, now)
                    .title("waiting " + id).service("connectme").roles(Map.of(Role.COMMANDER, "bench"))
                    .declaredBy("bench").detectedAt(now).nextUpdateDueAt(now.plus(Duration.ofHours(1)))
                    .paging(Paging.NONE.with(page)).build();
            store.create(incident, List.of(new TimelineEntry(now, now, TimelineKind.DECLARED, "bench", "bench",
                    "Declared", Map.of())));
            indexer.written(null, incident);
        }

        @Override
        public void close() throws Exception {
            scheduler.close();
            workers.close();
            slack.close();
            connection.close();
        }
    }

    // ---- what Slack received -------------------------------------------------------------------

    private record Dm(long incident, String person, Instant at) {
    }

    /** Every page notification Slack took, by incident and the user it went to. */
    private static List<Dm> notified(FakeSlackApi slack) {
        List<Dm> dms = new ArrayList<>();
        for (FakeSlackApi.Call call : slack.succeeded("chat.postMessage")) {
            Matcher paged = PAGED.matcher(String.valueOf(call.field("text")));
            if (paged.find()) {
                dms.add(new Dm(Long.parseLong(paged.group(1)), call.field("channel"), call.at()));
            }
        }
        return dms;
    }

    /** DMs beyond the first per incident and person (every DM here is one method and one level). */
    private static long doubled(List<Dm> dms) {
        return dms.size() - dms.stream().map(dm -> dm.incident() + " " + dm.person()).distinct().count();
    }

    private static long escalated(RedisIncidentStore store, int count) {
        long escalated = 0;
        for (int n = 1; n <= count; n++) {
            escalated += store.find(new IncidentId(n)).map(i -> i.paging().pages().get(0).level() >= 1 ? 1 : 0)
                    .orElse(0);
        }
        return escalated;
    }

    /** Once every lane is sent, Redis and Slack start over: the next part measures only itself. */
    private static void reset(RedisConnection admin, FakeSlackApi slack) throws InterruptedException {
        RedisDeliveryQueue lanes = new RedisDeliveryQueue(admin);
        await(() -> lanes.lanesOwed().isEmpty(), Duration.ofSeconds(120));
        admin.jedis().flushAll();
        slack.reset();
    }

    /** Polled every 200 ms: the figures come from timestamps, not from when this notices. */
    private static void await(BooleanSupplier condition, Duration limit) throws InterruptedException {
        Instant until = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(until)) {
                throw new IllegalStateException("not done within " + limit);
            }
            Thread.sleep(200);
        }
    }

    private static long percentile(List<Long> sorted, double p) {
        int index = (int) Math.min(sorted.size() - 1, Math.ceil(p / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, index));
    }
}
