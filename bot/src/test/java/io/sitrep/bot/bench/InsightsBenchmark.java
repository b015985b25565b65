package io.sitrep.bot.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.sitrep.bot.SitrepApplication;
import io.sitrep.bot.command.CommandDispatcher;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.Postmortem;
import io.sitrep.incident.Severity;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.integrations.chat.Actor;
import io.sitrep.integrations.chat.ChannelRef;
import io.sitrep.integrations.chat.ChatCommand;
import io.sitrep.integrations.redis.RedisConnection;
import io.sitrep.integrations.redis.RedisIncidentStore;
import io.sitrep.integrations.redis.TestRedis;

/**
 * {@code GET /insights.json} over {@code bench.incidents} (10,000) incidents, all declared in
 * the default window (the last 90 days), each with a page, an acknowledgement, updates on time
 * and late, Monitoring, Resolved and two postmortem actions. They are written straight into the
 * store before the app starts, so start-up summarises them all (timed). Then:
 * <ul>
 *   <li>after a change — after each of {@code bench.cold} (30) updates typed on this replica,
 *       whose next request reads what changed since its last reading and adds them all up again;</li>
 *   <li>new window — summaries in memory, a window not asked before added up
 *       ({@code bench.requests}, 300);</li>
 *   <li>warm — the same window again, its figures kept ({@code bench.requests}).</li>
 * </ul>
 * One client, one request at a time; the app, the embedded Redis and the client share the machine.
 */
public final class InsightsBenchmark {

    private InsightsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int incidents = Integer.getInteger("bench.incidents.insights", 10_000);
        int cold = Integer.getInteger("bench.cold", 30);
        int requests = Integer.getInteger("bench.requests", 300);
        TestRedis.flushed();
        String url = TestRedis.server().url() + "/4";
        Instant now = Instant.now();
        long seeding = System.nanoTime();
        try (RedisConnection connection = RedisConnection.open(url)) {
            connection.jedis().flushDB();
            store(new RedisIncidentStore(connection, java.time.Clock.systemUTC()), incidents, now);
        }
        System.out.printf(Locale.ROOT, "%nStored %,d incidents in %.1f s%n", incidents, (System.nanoTime() - seeding) / 1e9);
        long starting = System.nanoTime();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SitrepApplication.class).run(
                "--server.port=0", "--sitrep.console.enabled=false", "--sitrep.api.token=bench",
                "--sitrep.data-dir=" + TestRedis.tempDir("insights-bench"), "--sitrep.redis.url=" + url,
                "--logging.level.root=WARN", "--logging.level.io.sitrep.bot.insights=INFO")) {
            System.out.printf(Locale.ROOT, "Start-up: %.1f s%n", (System.nanoTime() - starting) / 1e9);
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            CommandDispatcher commands = app.getBean(CommandDispatcher.class);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String base = "http://127.0.0.1:" + port + "/insights.json";
            HttpResponse<String> first = get(http, base);
            while (!first.body().contains("\"incidents\":" + incidents + ",")) {
                Thread.sleep(200);
                first = get(http, base);
            }
            System.out.printf(Locale.ROOT, "Start to all %,d summarised (in the background): %.1f s%n", incidents,
                    (System.nanoTime() - starting) / 1e9);
            System.out.printf(Locale.ROOT, "/insights.json: %,d bytes, %s%n", first.body().length(),
                    first.body().substring(0, Math.min(160, first.body().length())));

            List<Long> coldTimes = new ArrayList<>();
            for (int i = 0; i < cold; i++) {
                commands.handle(new ChatCommand("update INC-" + (1 + i) + " \"Still watching.\"", new Actor("bench"),
                        new ChannelRef("console", "ops")));
                coldTimes.add(timed(http, base));
            }
            report("after a change (re-read, added up)", coldTimes);
            List<Long> windows = new ArrayList<>();
            LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
            for (int i = 0; i < requests; i++) {
                windows.add(timed(http, base + "?from=" + today.minusDays(60 + i % 58) + "&to=" + today.minusDays(i / 58)));
            }
            report("new window (added up)", windows);
            List<Long> warm = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                warm.add(timed(http, base));
            }
            report("warm (kept)", warm);
            System.out.printf(Locale.ROOT, "Load average after: %s%n", Files.readString(Path.of("/proc/loadavg")).strip());
        }
    }

    private static long timed(HttpClient http, String uri) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = get(http, uri);
        long took = System.nanoTime() - start;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return took;
    }

    private static HttpResponse<String> get(HttpClient http, String uri) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).header("Authorization", "Bearer bench").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void report(String name, List<Long> nanos) {
        List<Long> sorted = nanos.stream().sorted().toList();
        System.out.printf(Locale.ROOT, "%-30s n=%d  p50 %.1f ms  p99 %.1f ms  max %.1f ms%n", name, sorted.size(),
                sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1) / 1e6,
                sorted.get(sorted.size() - 1) / 1e6);
    }

    /** Incidents as a quarter of use leaves them, spread over the last 89 days, written straight into the store. */
    private static void store(RedisIncidentStore store, int count, Instant now) {
        for (int i = 0; i < count; i++) {
            IncidentId id = store.allocateId();
            Instant declared = now.minus(Duration.ofMinutes(5 + (long) i * 89 * 24 * 60 / count));
            Severity severity = Severity.values()[i % 4];
            Instant acknowledged = declared.plusSeconds(60 + i % 600);
            Instant firstUpdate = declared.plusSeconds(300 + i % 1800);
            Instant mitigated = declared.plusSeconds(1800 + i % 7200);
            Instant resolved = mitigated.plusSeconds(3600 + i % 36_000);
            boolean open = i < 50;
            Incident incident = Incident.builder(id, open ? IncidentState.MONITORING : IncidentState.RESOLVED, severity,
                            declared)
                    .title("Incident " + i).service("svc-" + (i % 12)).region("eu-west")
                    .channel("inc-" + id.number() + "-bench").declaredBy("bench").detectedAt(declared)
                    .startedAt(declared.minusSeconds(i % 900)).lastUpdate(mitigated, "Fixed; watching.")
                    .nextUpdateDueAt(open ? mitigated.plus(Duration.ofHours(1)) : null)
                    .postmortem(Postmortem.EMPTY.withAction("Add an alert").withAction("Fix the runbook"))
                    .build();
            List<TimelineEntry> entries = new ArrayList<>(List.of(
                    entry(declared, TimelineKind.DECLARED, incident.title(),
                            Map.of("state", "INVESTIGATING", "severity", severity.name())),
                    entry(acknowledged, TimelineKind.ACKNOWLEDGED, "bench acknowledged", Map.of("by", "bench")),
                    entry(firstUpdate, TimelineKind.STAKEHOLDER_UPDATE, "We are investigating.",
                            Map.of("status", "Investigating")),
                    entry(mitigated, TimelineKind.STATUS_CHANGED, "Fixed; watching.", Map.of("from", "INVESTIGATING",
                            "to", "MONITORING", "event", "MONITOR")),
                    entry(mitigated, TimelineKind.STAKEHOLDER_UPDATE, "Fixed; watching.", Map.of("status", "Monitoring"))));
            if (!open) {
                entries.add(entry(resolved, TimelineKind.STATUS_CHANGED, "Resolved.", Map.of("from", "MONITORING",
                        "to", "RESOLVED", "event", "RESOLVE")));
                entries.add(entry(resolved, TimelineKind.STAKEHOLDER_UPDATE, "Resolved.", Map.of("status", "Resolved")));
            }
            store.create(incident, entries);
        }
    }

    private static TimelineEntry entry(Instant at, TimelineKind kind, String text, Map<String, Object> data) {
        return new TimelineEntry(at, at, kind, "bench", "bench", text, data);
    }
}
