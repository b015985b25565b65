package io.sitrep.bot.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.redis.RedisConnection;
import io.sitrep.integrations.redis.RedisHeartbeats;
import io.sitrep.integrations.redis.TestRedis;

/** Beats over HTTP on the running app: the heartbeat webhook, and Alertmanager's Watchdog on its own webhook. */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
    "sitrep.console.enabled=false",
    "sitrep.api.token=api-token",
    "sitrep.alerts.token=alert-token",
    "sitrep.paging.heartbeats[0].name=backups",
    "sitrep.paging.heartbeats[0].every=PT1H",
    "sitrep.paging.heartbeats[0].policy=platform",
    "sitrep.paging.heartbeats[1].name=watchdog",
    "sitrep.paging.heartbeats[1].every=PT5M",
    "sitrep.paging.heartbeats[1].grace=PT2M",
    "sitrep.paging.heartbeats[1].policy=platform"
})
// Closed after the class: its heartbeat watch would otherwise keep running beside later tests on the shared Redis.
@DirtiesContext
class HeartbeatWebhookTest {

    private static final Path ONCALL = OnCallFixture.platformPolicy("heartbeat-oncall");
    /** What a kube-prometheus Alertmanager sends for its Watchdog. */
    private static final String WATCHDOG = """
            {
              "version": "4",
              "groupKey": "{}:{alertname=\\"Watchdog\\"}",
              "status": "firing",
              "receiver": "sitrep",
              "alerts": [
                {
                  "status": "firing",
                  "labels": {"alertname": "Watchdog", "severity": "none", "service": "connectme"},
                  "annotations": {"summary": "An alert that should always be firing to certify that Alertmanager is working properly."},
                  "startsAt": "2026-02-26T08:19:00.000Z",
                  "endsAt": "0001-01-01T00:00:00Z",
                  "fingerprint": "e2d5f1a0c3b44d21"
                }
              ]
            }
            """;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("sitrep.redis.url", () -> TestRedis.server().url());
        registry.add("sitrep.oncall.dir", ONCALL::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    IncidentStore store;

    @Autowired
    MeterRegistry meters;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void empty() {
        TestRedis.flushed();
    }

    @Test
    void aBeatIsRecordedAndAnsweredWithWhenTheNextIsDue() throws Exception {
        Instant before = Instant.now();

        HttpResponse<String> response = post("/hooks/heartbeat/backups", "", "alert-token");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = json.readTree(response.body());
        assertThat(answer.path("ok").asBoolean()).isTrue();
        assertThat(answer.path("name").asText()).isEqualTo("backups");
        Instant nextDue = Instant.parse(answer.path("next_due").asText());
        assertThat(nextDue).isBetween(before.plus(Duration.ofHours(1)), Instant.now().plus(Duration.ofHours(1)));
        try (RedisConnection redis = RedisConnection.open(TestRedis.server().url())) {
            assertThat(new RedisHeartbeats(redis).read().lastBeats().get("backups")).isBetween(before, Instant.now());
        }
        assertThat(meters.get("sitrep.heartbeat.last").tag("name", "backups").gauge().value()).isBetween(0.0, 60.0);
    }

    @Test
    void withoutTheTokenOrWithAWrongOneItIs401AndNothingIsRecorded() throws Exception {
        assertThat(post("/hooks/heartbeat/backups", "", null).statusCode()).isEqualTo(401);
        assertThat(post("/hooks/heartbeat/backups", "", "api-token").statusCode())
                .as("the alert token is the hooks' token when set").isEqualTo(401);

        try (RedisConnection redis = RedisConnection.open(TestRedis.server().url())) {
            assertThat(new RedisHeartbeats(redis).read().lastBeats()).isEmpty();
        }
    }

    @Test
    void anUnknownNameIs404AndSaysWhichNamesThereAre() throws Exception {
        HttpResponse<String> response = post("/hooks/heartbeat/nightly", "", "alert-token");

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode answer = json.readTree(response.body());
        assertThat(answer.path("ok").asBoolean()).isFalse();
        assertThat(answer.path("error").asText())
                .isEqualTo("No heartbeat is named 'nightly'. The heartbeats are: backups, watchdog.");
    }

    @Test
    void alertmanagersWatchdogIsABeatAndNeitherOpensNorJoinsAnIncident() throws Exception {
        HttpResponse<String> declared = post("/api/commands",
                "{\"text\":\"declare \\\"ConnectMe logins failing\\\" --service connectme\",\"user\":\"ana\"}",
                "api-token");
        assertThat(declared.statusCode()).isEqualTo(200);
        Instant before = Instant.now();

        HttpResponse<String> response = post("/hooks/alertmanager", WATCHDOG, "alert-token");
        post("/hooks/alertmanager", WATCHDOG, "alert-token");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"declared\":0").contains("\"attached\":0");
        assertThat(store.findAll()).hasSize(1);
        assertThat(store.timeline(new IncidentId(1))).noneMatch(e -> e.kind() == TimelineKind.ALERT);
        try (RedisConnection redis = RedisConnection.open(TestRedis.server().url())) {
            assertThat(new RedisHeartbeats(redis).read().lastBeats().get("watchdog")).isBetween(before, Instant.now());
        }
    }

    private HttpResponse<String> post(String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (!body.isEmpty()) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
