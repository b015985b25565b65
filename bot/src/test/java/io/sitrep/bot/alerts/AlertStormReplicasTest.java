package io.sitrep.bot.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sitrep.bot.SitrepApplication;
import io.sitrep.incident.Incident;
import io.sitrep.incident.Severity;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.alerts.StormLink;
import io.sitrep.integrations.redis.RedisConnection;
import io.sitrep.integrations.redis.RedisStormLink;
import io.sitrep.integrations.redis.TestRedis;

/**
 * An alert storm as Alertmanager delivers it, grouped by alert name and service: twenty
 * notifications of three alerts each, all posted at once over the real webhook, to one Sitrep
 * and spread over three replicas on one Redis. Each minute opens at most its budget of incidents
 * and the rest join one storm incident, every alert on one timeline once, the storm incident at
 * the worst severity that joined it.
 */
@Timeout(180)
class AlertStormReplicasTest {

    /** A database of its own, so the other app tests' contexts don't share these incidents. */
    private static final int DATABASE = 11;
    private static final String TOKEN = "storm-token";
    private static final int BUDGET = 5;
    private static final int NOTIFICATIONS = 20;
    private static final int ALERTS_EACH = 3;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

    @AfterEach
    void stop() {
        replicas.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void twentyNotificationsAtOnceToOneSitrepOpenOneStormIncident() throws Exception {
        TestRedis.flushed();
        replicas.add(start());

        List<JsonNode> answers = postAtOnce();

        assertOneStorm(answers);
    }

    @Test
    void twentyNotificationsAtOnceOverThreeReplicasOpenOneStormIncident() throws Exception {
        TestRedis.flushed();
        for (int n = 0; n < 3; n++) {
            replicas.add(start());
        }

        List<JsonNode> answers = postAtOnce();

        assertOneStorm(answers);
    }

    private void assertOneStorm(List<JsonNode> answers) {
        int declared = answers.stream().mapToInt(a -> a.path("declared").asInt()).sum();
        int stormed = answers.stream().mapToInt(a -> a.path("stormed").asInt()).sum();
        assertThat(declared + stormed).isEqualTo(NOTIFICATIONS * ALERTS_EACH);

        IncidentStore store = replicas.get(0).getBean(IncidentStore.class);
        List<Incident> incidents = store.findAll();
        List<Incident> storms = incidents.stream().filter(i -> i.title().startsWith("Alert storm")).toList();
        assertThat(storms).hasSize(1);
        Incident storm = storms.get(0);
        assertThat(incidents).hasSize(declared + 1);
        // The budget is a counter per minute of the clock: a run across a minute's end may use two.
        Map<Long, Long> openedPerMinute = incidents.stream().filter(i -> !i.equals(storm))
                .collect(Collectors.groupingBy(i -> i.declaredAt().getEpochSecond() / 60, Collectors.counting()));
        assertThat(openedPerMinute.values()).allSatisfy(opened -> assertThat(opened).isLessThanOrEqualTo(BUDGET));

        Map<Object, Integer> onTimelines = new HashMap<>();
        for (Incident incident : incidents) {
            store.timeline(incident.id()).stream()
                    .filter(e -> e.kind() == TimelineKind.ALERT || e.kind() == TimelineKind.DECLARED)
                    .map(e -> e.data().get("fingerprint")).filter(fp -> fp != null)
                    .forEach(fp -> onTimelines.merge(fp, 1, Integer::sum));
        }
        assertThat(onTimelines).as("every alert on one timeline, once").hasSize(NOTIFICATIONS * ALERTS_EACH)
                .allSatisfy((fingerprint, times) -> assertThat(times).as(String.valueOf(fingerprint)).isOne());
        assertThat(store.timeline(storm.id())).filteredOn(e -> e.kind() == TimelineKind.ALERT).hasSize(stormed);

        assertThat(storm.severity()).as("more critical alerts fired than the budget can open").isEqualTo(Severity.SEV1);
        assertThat(store.timeline(storm.id())).filteredOn(e -> e.kind() == TimelineKind.SEVERITY_CHANGED)
                .allSatisfy(this::raises);
        try (RedisConnection redis = RedisConnection.open(TestRedis.server().url() + "/" + DATABASE)) {
            assertThat(new RedisStormLink(redis, Duration.ofSeconds(1)).claim(Optional.empty()))
                    .isEqualTo(new StormLink.Claim.Linked(storm.id()));
        }
    }

    private void raises(TimelineEntry change) {
        Severity from = Severity.valueOf(String.valueOf(change.data().get("from")));
        Severity to = Severity.valueOf(String.valueOf(change.data().get("to")));
        assertThat(to).isLessThan(from);
    }

    /** Every notification posted by a thread of its own, all released at once, each to the next replica in turn. */
    private List<JsonNode> postAtOnce() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(NOTIFICATIONS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<HttpResponse<String>>> posts = new ArrayList<>();
            for (int n = 0; n < NOTIFICATIONS; n++) {
                HttpRequest request = hook(replicas.get(n % replicas.size()), notification(n));
                posts.add(threads.submit(() -> {
                    start.await();
                    return http.send(request, HttpResponse.BodyHandlers.ofString());
                }));
            }
            start.countDown();
            List<JsonNode> answers = new ArrayList<>();
            for (Future<HttpResponse<String>> post : posts) {
                HttpResponse<String> response = post.get();
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                answers.add(json.readTree(response.body()));
            }
            return answers;
        } finally {
            threads.shutdownNow();
        }
    }

    /** Alertmanager's group of one alert name and three services; every other one has a critical alert. */
    private String notification(int n) throws Exception {
        List<Map<String, Object>> alerts = IntStream.range(0, ALERTS_EACH).mapToObj(i -> {
            String service = "svc-" + n + "-" + i;
            Map<String, Object> alert = new LinkedHashMap<>();
            alert.put("status", "firing");
            alert.put("labels", Map.of("alertname", "ServiceDown", "service", service,
                    "severity", i == ALERTS_EACH - 1 && n % 2 == 0 ? "critical" : "warning"));
            alert.put("annotations", Map.of("summary", service + " is down"));
            alert.put("startsAt", "2026-02-26T08:19:00.000Z");
            alert.put("endsAt", "0001-01-01T00:00:00Z");
            alert.put("fingerprint", "fp-" + n + "-" + i);
            return alert;
        }).toList();
        return json.writeValueAsString(Map.of("version", "4", "status", "firing", "receiver", "sitrep",
                "groupKey", "{}:{alertname=\"ServiceDown\", group=\"" + n + "\"}", "alerts", alerts));
    }

    private static HttpRequest hook(ConfigurableApplicationContext replica, String body) {
        int port = ((WebServerApplicationContext) replica).getWebServer().getPort();
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hooks/alertmanager"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private ConfigurableApplicationContext start() {
        // As arguments, which outrank the shipped application.yml (its server.port is 8080).
        return new SpringApplicationBuilder(SitrepApplication.class).run(
                "--server.port=0", "--sitrep.console.enabled=false", "--sitrep.api.token=" + TOKEN,
                "--sitrep.data-dir=" + TestRedis.tempDir("storm-replica"),
                "--sitrep.redis.url=" + TestRedis.server().url() + "/" + DATABASE,
                "--sitrep.alerts.max-new-incidents=" + BUDGET, "--logging.level.root=WARN");
    }
}
