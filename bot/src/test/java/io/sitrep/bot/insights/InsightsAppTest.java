package io.sitrep.bot.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sitrep.bot.command.CommandDispatcher;
import io.sitrep.bot.command.MutableClock;
import io.sitrep.bot.postmortem.HeadlessChromium;
import io.sitrep.bot.postmortem.IncidentReplay;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.Severity;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.chat.Actor;
import io.sitrep.integrations.chat.ChannelRef;
import io.sitrep.integrations.chat.ChatCommand;
import io.sitrep.integrations.chat.CommandOutcome;
import io.sitrep.integrations.redis.TestRedis;

/**
 * The insights as the running app serves them: incidents — the founding ConnectMe one among
 * them — are played through the real command dispatcher on a clock the test moves, then every
 * figure of {@code /insights.json} is compared with what the test works out itself from the
 * stored timelines, in all and by week, service and severity. Also: who may read them, and the
 * page as a browser renders it on a phone and a desktop (screenshots under {@code target/insights/}).
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
    "sitrep.console.enabled=false",
    "sitrep.api.token=" + InsightsAppTest.TOKEN,
    "sitrep.permissions.admins=oncall-ana,comms-ben,dana,sam,carol",
    "sitrep.reminders.cadence-by-severity.SEV1=PT30M"
})
@Import(InsightsAppTest.MovableTime.class)
@AutoConfigureObservability // tests leave metrics export off unless asked
@DirtiesContext
@Timeout(600)
class InsightsAppTest {

    static final String TOKEN = "insights-token";
    private static final Duration FIRST_WITHIN = Duration.ofMinutes(15);
    private static final MutableClock clock = MutableClock.at(Instant.parse("2025-11-03T08:00:00Z"));
    private static final Path OUT = Path.of("target", "insights");

    @TestConfiguration(proxyBeanMethods = false)
    static class MovableTime {
        @Bean
        @Primary
        Clock movableClock() {
            return clock;
        }
    }

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) throws java.io.IOException {
        TestRedis.flushed();
        registry.add("sitrep.redis.url", () -> TestRedis.server().url());
        Path oncall = Files.createTempDirectory("insights-oncall");
        Files.writeString(oncall.resolve("people.yml"), "people:\n  carol: { email: carol@example.com }\n");
        registry.add("sitrep.oncall.dir", oncall::toString);
    }

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;
    @Autowired
    CommandDispatcher dispatcher;
    @Autowired
    IncidentStore store;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    /** Played once (the context is shared); a test after a failed play fails on what is missing. */
    private static boolean played;

    /** The incidents, once for the class: the context is shared by the tests. */
    private synchronized void play() {
        if (played) {
            return;
        }
        played = true;
        // Before the default window: counted only when asked for.
        run("2025-11-03T09:00:00Z", "sam", "declare \"Search is slow\" --sev 3 --service search");
        run("2025-11-03T09:20:00Z", "sam", "resolved INC-1 \"Index rebuilt\"");
        IncidentReplay.CONNECT_ME.forEach(step -> run(step.at(), step.who(), step.text().replace("INC-1", "INC-2")));
        // A SEV1 (30-minute cadence): paged and acknowledged, one update on time, later ones late, the severity lowered.
        run("2026-03-06T09:00:00Z", "sam", "declare \"Checkout fails <for> some & all\" --sev 1 --service checkout "
                + "--started-at 08:50");
        run("2026-03-06T09:02:00Z", "sam", "page INC-3 carol \"checkout is down\"");
        run("2026-03-06T09:04:00Z", "carol", "ack INC-3");
        run("2026-03-06T09:10:00Z", "sam", "update INC-3 \"Checkout fails for some customers; we are on it.\"");
        run("2026-03-06T09:30:00Z", "sam", "identified INC-3 \"A bad deploy\"");
        run("2026-03-06T09:35:00Z", "sam", "sev INC-3 2");
        run("2026-03-06T10:45:00Z", "sam", "update INC-3 \"Rolling back.\"");
        run("2026-03-06T11:00:00Z", "sam", "monitoring INC-3 \"Rolled back.\"");
        run("2026-03-06T11:20:00Z", "sam", "update INC-3 \"Rolled back; watching.\"");
        run("2026-03-06T12:00:00Z", "sam", "resolved INC-3 \"Checkout works again.\"");
        run("2026-03-06T13:00:00Z", "sam", "postmortem INC-3 start");
        run("2026-03-06T13:05:00Z", "sam", "postmortem INC-3 action \"Canary checkout deploys\"");
        // Mitigated with its first update, the same week; then one still open with nothing said.
        run("2026-03-10T14:00:00Z", "sam", "declare \"Checkout slow\" --sev 3 --service \"checkout <beta>\"");
        run("2026-03-10T14:30:00Z", "sam", "monitoring INC-4 \"Cache warmed; checkout is fast again.\"");
        run("2026-03-12T07:00:00Z", "sam", "declare \"Odd logins\" --sev 4 --service \"ConnectMe (EU)\"");
        clock.set(Instant.parse("2026-03-20T12:00:00Z"));
    }

    private void run(String at, String who, String text) {
        clock.set(Instant.parse(at));
        CommandOutcome outcome = dispatcher.handle(new ChatCommand(text, new Actor(who), new ChannelRef("console", "ops")));
        assertThat(outcome.ok()).as(text + ": " + outcome.error().orElse("")).isTrue();
    }

    @Test
    void everyFigureAgreesWithTheTimelines() throws Exception {
        play();
        JsonNode body = json.readTree(get("/insights.json", "Bearer " + TOKEN).body());
        LocalDate to = LocalDate.parse("2026-03-20");
        List<Expected> inWindow = expected(to.minusDays(89), to);
        assertThat(inWindow).extracting(Expected::id).containsExactly("INC-2", "INC-3", "INC-4", "INC-5");
        assertThat(body.get("from").asText()).isEqualTo("2025-12-21");
        assertThat(body.get("to").asText()).isEqualTo("2026-03-20");
        assertFigures(body, inWindow);

        // The founding incident, as its story tells it: the first update came 1 h 47 min after it was due.
        Expected connectMe = inWindow.get(0);
        assertThat(connectMe.lateness().get(0)).isEqualTo(Duration.parse("PT1H47M").toSeconds());
        assertThat(connectMe.resolve()).isEqualTo(Duration.between(Instant.parse("2026-02-26T08:19:00Z"),
                Instant.parse("2026-03-03T16:41:00Z")).toSeconds());
        assertThat(body.at("/followups/open").asInt()).as("ConnectMe's three actions and checkout's one").isEqualTo(4);
        assertThat(body.at("/timeToAcknowledge/median").asLong()).isEqualTo(240);
        assertThat(body.at("/updatePunctuality/firstUpdateAfterMitigation").asInt())
                .as("ConnectMe's first update came two minutes before Monitoring was declared").isZero();

        for (String group : List.of("byWeek", "byService", "bySeverity")) {
            Map<String, List<Expected>> grouped = new TreeMap<>();
            Function<Expected, String> key = switch (group) {
                case "byWeek" -> e -> e.declared().atZone(ZoneOffset.UTC).toLocalDate()
                        .with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY)).toString();
                case "byService" -> Expected::service;
                default -> e -> e.severity().name();
            };
            inWindow.forEach(e -> grouped.computeIfAbsent(key.apply(e), k -> new ArrayList<>()).add(e));
            String field = switch (group) {
                case "byWeek" -> "week";
                case "byService" -> "service";
                default -> "severity";
            };
            for (JsonNode node : body.get(group)) {
                List<Expected> members = grouped.getOrDefault(node.get(field).asText(), List.of());
                assertFigures(node, members);
            }
            assertThat(body.get(group).findValuesAsText(field)).containsAll(grouped.keySet());
        }
        assertThat(body.get("byWeek")).as("every week of the window, quiet ones too").hasSize(14);

        JsonNode wide = json.readTree(get("/insights.json?from=2025-11-01&to=2026-03-20", "Bearer " + TOKEN).body());
        assertFigures(wide, expected(LocalDate.parse("2025-11-01"), to));
        assertThat(wide.get("incidents").asInt()).isEqualTo(5);
        assertThat(get("/insights.json?from=soon", "Bearer " + TOKEN).statusCode()).isEqualTo(400);
    }

    @Test
    void theHeadlineFiguresAreSeries() throws Exception {
        play();
        List<Long> resolve = expected(LocalDate.parse("2026-03-20").minusDays(89), LocalDate.parse("2026-03-20")).stream()
                .map(Expected::resolve).filter(java.util.Objects::nonNull).sorted().toList();
        String median = "sitrep_insights_time_to_resolve_seconds{quantile=\"0.5\"} "
                + (double) resolve.get((int) Math.ceil(0.5 * resolve.size()) - 1);
        // Read on their own timer (every 30 s), never on the scrape.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(scrape()).contains(median).contains("sitrep_insights_incidents 4.0")
                        .contains("sitrep_insights_followups_open 4.0"));
    }

    private String scrape() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
                + "/actuator/prometheus")).header("Authorization", "Bearer " + TOKEN).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void onlyTheTokenHolderMayReadThem() throws Exception {
        play();
        assertThat(get("/insights.json", null).statusCode()).isEqualTo(401);
        HttpResponse<String> page = get("/insights", null);
        assertThat(page.statusCode()).isEqualTo(401);
        assertThat(page.headers().allValues("WWW-Authenticate")).anyMatch(v -> v.startsWith("Basic realm=\"sitrep\""));
        assertThat(get("/insights.json", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        assertThat(get("/insights", basic("anyone", TOKEN)).statusCode()).isEqualTo(200);
        assertThat(get("/insights.json", basic("anyone", TOKEN)).statusCode()).isEqualTo(200);
        assertThat(get("/insights.json", "Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(get("/insights", basic("anyone", "wrong")).statusCode()).isEqualTo(401);
        assertThat(get("/insights", basic(TOKEN, "")).statusCode()).as("the token is the password").isEqualTo(401);
        assertThat(get("/insights", "Basic %%%").statusCode()).isEqualTo(401);
        assertThat(get("/api/incidents", basic("anyone", TOKEN)).statusCode()).as("the API takes no Basic").isEqualTo(401);
        assertThat(get("/api/incidents", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void aBrowserShowsTheFiguresOnAPhoneAndADesktop() throws Exception {
        Path chromium = HeadlessChromium.orSkip();
        play();
        HttpResponse<String> page = get("/insights", "Bearer " + TOKEN);
        assertThat(page.body()).as("every text escaped").contains("<td>checkout &lt;beta&gt;</td>")
                .doesNotContain("<beta>").contains("<title id=\"chart-incidents-title\">");
        Files.createDirectories(OUT);
        Path html = OUT.resolve("insights.html").toAbsolutePath();
        Files.writeString(html, page.body(), StandardCharsets.UTF_8);
        HeadlessChromium.Run dom = HeadlessChromium.dumpDom(chromium, html);
        assertThat(dom.exitCode()).as(dom.stderr()).isZero();
        assertThat(dom.stderr()).doesNotContain("Uncaught", "Refused to");
        assertThat(dom.stdout()).contains("<b id=\"incidents\">4</b>").contains("<b id=\"followups\">4 / 0 / 0</b>")
                .contains("aria-label=\"Incidents declared per week");
        for (String size : List.of("390,844", "1280,900")) {
            Path shot = OUT.resolve("insights-" + size.replace(',', 'x') + ".png").toAbsolutePath();
            Files.deleteIfExists(shot);
            HeadlessChromium.Run run = HeadlessChromium.screenshot(chromium, html, shot, size);
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            assertThat(Files.size(shot)).as("a real picture of " + shot.getFileName()).isGreaterThan(10_000);
        }
    }

    /** One incident's figures as the test reads them off its record and timeline. */
    record Expected(String id, String service, Severity severity, Instant declared, Long detect, Long acknowledge,
                    Long mitigate, Long resolve, List<Long> lateness, boolean silentUntilMitigated, int actions) {
    }

    private List<Expected> expected(LocalDate from, LocalDate to) {
        List<Expected> all = new ArrayList<>();
        for (Incident incident : store.findAll()) {
            LocalDate day = incident.declaredAt().atZone(ZoneOffset.UTC).toLocalDate();
            if (!day.isBefore(from) && !day.isAfter(to)) {
                all.add(expected(incident, store.timeline(incident.id())));
            }
        }
        return all;
    }

    /**
     * Straight from the timeline: the times between its entries, and for each stakeholder update
     * how late it came after the one before it promised the next (or after the declaration's first
     * window, or a status change's new one).
     */
    private static Expected expected(Incident incident, List<TimelineEntry> timeline) {
        Instant detected = incident.detectedAt();
        Instant origin = incident.startedAt() != null ? incident.startedAt() : detected;
        Instant acknowledged = first(timeline, TimelineKind.ACKNOWLEDGED, null);
        Instant mitigated = first(timeline, TimelineKind.STATUS_CHANGED, "MONITORING");
        Instant resolved = null;
        Instant firstUpdate = first(timeline, TimelineKind.STAKEHOLDER_UPDATE, null);
        List<Long> lateness = new ArrayList<>();
        Severity severity = null;
        IncidentState state = null;
        Instant promised = null;
        Instant lastUpdate = null;
        for (int i = 0; i < timeline.size(); i++) {
            TimelineEntry e = timeline.get(i);
            switch (e.kind()) {
                case DECLARED -> {
                    severity = Severity.valueOf((String) e.data().get("severity"));
                    state = IncidentState.valueOf((String) e.data().get("state"));
                    promised = e.at().plus(firstWindow(severity));
                }
                case SEVERITY_CHANGED -> {
                    Instant anchor = lastUpdate != null ? lastUpdate : promised.minus(firstWindow(severity));
                    severity = Severity.valueOf((String) e.data().get("to"));
                    promised = lastUpdate != null ? anchor.plus(cadence(severity)) : anchor.plus(firstWindow(severity));
                }
                case STATUS_CHANGED -> {
                    state = IncidentState.valueOf((String) e.data().get("to"));
                    if (state == IncidentState.RESOLVED) {
                        resolved = e.at();
                    }
                    boolean withUpdate = i + 1 < timeline.size()
                            && timeline.get(i + 1).kind() == TimelineKind.STAKEHOLDER_UPDATE
                            && timeline.get(i + 1).at().equals(e.at());
                    if (withUpdate) {
                        lateness.add(promised == null ? null : Duration.between(promised, e.at()).toSeconds());
                        lastUpdate = e.at();
                        i++;
                    }
                    boolean owes = state == IncidentState.INVESTIGATING || state == IncidentState.IDENTIFIED
                            || state == IncidentState.MONITORING;
                    promised = !owes ? null : withUpdate ? e.at().plus(cadence(severity)) : e.at().plus(firstWindow(severity));
                }
                case STAKEHOLDER_UPDATE -> {
                    lateness.add(promised == null ? null : Duration.between(promised, e.at()).toSeconds());
                    lastUpdate = e.at();
                    promised = e.at().plus(cadence(severity));
                }
                default -> {
                }
            }
        }
        lateness.removeIf(java.util.Objects::isNull);
        return new Expected(incident.id().toString(), incident.service(), incident.severity(), incident.declaredAt(),
                seconds(incident.startedAt(), detected), seconds(detected, acknowledged), seconds(origin, mitigated),
                seconds(origin, resolved), lateness,
                mitigated != null && (firstUpdate == null || firstUpdate.isAfter(mitigated)),
                incident.postmortem().actions().size());
    }

    private static Duration cadence(Severity severity) {
        return severity == Severity.SEV1 ? Duration.ofMinutes(30) : Duration.ofMinutes(60);
    }

    private static Duration firstWindow(Severity severity) {
        return cadence(severity).compareTo(FIRST_WITHIN) < 0 ? cadence(severity) : FIRST_WITHIN;
    }

    private static Instant first(List<TimelineEntry> timeline, TimelineKind kind, String to) {
        return timeline.stream().filter(e -> e.kind() == kind && (to == null || to.equals(e.data().get("to"))))
                .map(TimelineEntry::at).findFirst().orElse(null);
    }

    private static Long seconds(Instant from, Instant to) {
        return from == null || to == null ? null : Duration.between(from, to).toSeconds();
    }

    private static void assertFigures(JsonNode node, List<Expected> incidents) {
        String what = node.toString();
        assertThat(node.get("incidents").asInt()).as(what).isEqualTo(incidents.size());
        assertSpread(node.get("timeToDetect"), incidents, Expected::detect, what);
        assertSpread(node.get("timeToAcknowledge"), incidents, Expected::acknowledge, what);
        assertSpread(node.get("timeToMitigate"), incidents, Expected::mitigate, what);
        assertSpread(node.get("timeToResolve"), incidents, Expected::resolve, what);
        List<Long> lateness = incidents.stream().flatMap(e -> e.lateness().stream()).toList();
        JsonNode p = node.get("updatePunctuality");
        assertThat(p.get("updates").asInt()).as(what).isEqualTo(lateness.size());
        assertThat(p.get("onTime").asInt()).as(what).isEqualTo((int) lateness.stream().filter(l -> l <= 0).count());
        if (lateness.isEmpty()) {
            assertThat(p.get("share").isNull()).as(what).isTrue();
            assertThat(p.get("worstLatenessSeconds").isNull()).as(what).isTrue();
        } else {
            assertThat(p.get("share").asDouble()).as(what)
                    .isEqualTo((double) lateness.stream().filter(l -> l <= 0).count() / lateness.size());
            assertThat(p.get("worstLatenessSeconds").asLong()).as(what)
                    .isEqualTo(Math.max(0, lateness.stream().mapToLong(Long::longValue).max().orElseThrow()));
        }
        assertThat(p.get("firstUpdateAfterMitigation").asInt()).as(what)
                .isEqualTo((int) incidents.stream().filter(Expected::silentUntilMitigated).count());
        assertThat(node.at("/followups/open").asInt()).as(what).isEqualTo(incidents.stream().mapToInt(Expected::actions).sum());
        assertThat(node.at("/followups/overdue").asInt()).as(what).isZero();
        assertThat(node.at("/followups/done").asInt()).as(what).isZero();
    }

    /** Median and p90 by nearest rank: the value at rank ⌈q·n⌉ of the sorted values. */
    private static void assertSpread(JsonNode spread, List<Expected> incidents, Function<Expected, Long> value,
                                     String what) {
        List<Long> values = incidents.stream().map(value).filter(java.util.Objects::nonNull).sorted().toList();
        if (values.isEmpty()) {
            assertThat(spread.get("median").isNull()).as(what).isTrue();
            assertThat(spread.get("p90").isNull()).as(what).isTrue();
            return;
        }
        assertThat(spread.get("median").asLong()).as(what).isEqualTo(values.get((int) Math.ceil(0.5 * values.size()) - 1));
        assertThat(spread.get("p90").asLong()).as(what).isEqualTo(values.get((int) Math.ceil(0.9 * values.size()) - 1));
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
