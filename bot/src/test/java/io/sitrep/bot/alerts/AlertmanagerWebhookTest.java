package io.sitrep.bot.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.redis.RedisAlertMarks;
import io.sitrep.integrations.redis.RedisConnection;
import io.sitrep.integrations.redis.TestRedis;

/** Alertmanager's webhook (payload version 4) against the running app. */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
    "sitrep.console.enabled=false",
    "sitrep.api.token=api-token",
    "sitrep.alerts.token=alert-token"
})
class AlertmanagerWebhookTest {

    /** Prometheus' documented example of a v4 notification, with Sitrep's service and node labels. */
    private static final String FIRING = """
            {
              "version": "4",
              "groupKey": "{}:{alertname=\\"NodeUnresponsive\\"}",
              "truncatedAlerts": 0,
              "status": "firing",
              "receiver": "sitrep",
              "groupLabels": {"alertname": "NodeUnresponsive"},
              "commonLabels": {"alertname": "NodeUnresponsive", "service": "connectme", "node": "platform-node-7"},
              "commonAnnotations": {"summary": "platform-node-7 stopped answering health probes"},
              "externalURL": "http://alertmanager.example:9093",
              "alerts": [
                {
                  "status": "%s",
                  "labels": {"alertname": "NodeUnresponsive", "service": "connectme", "node": "platform-node-7",
                             "severity": "critical"},
                  "annotations": {"summary": "platform-node-7 stopped answering health probes"},
                  "startsAt": "2026-02-26T08:19:00.000Z",
                  "endsAt": "%s",
                  "generatorURL": "http://prometheus.example:9090/graph?g0.expr=up%%3D%%3D0",
                  "fingerprint": "c6a1f3e2b7d94f10"
                }
              ]
            }
            """;
    private static final IncidentId INC_1 = new IncidentId(1);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("sitrep.redis.url", () -> TestRedis.server().url());
    }

    @LocalServerPort
    int port;

    @Autowired
    IncidentStore store;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void empty() {
        TestRedis.flushed();
    }

    @Test
    void aFiringAlertOpensOneTriageIncidentRepeatsChangeNothingAndTheResolutionIsRecorded() throws Exception {
        HttpResponse<String> first = hook(firing(), "alert-token");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("\"declared\":1");
        Incident incident = store.find(INC_1).orElseThrow();
        assertThat(incident.state()).isEqualTo(IncidentState.TRIAGE);
        assertThat(incident.title()).isEqualTo("[NodeUnresponsive] platform-node-7 stopped answering health probes");
        assertThat(incident.service()).isEqualTo("connectme");
        assertThat(incident.nodes()).containsExactly("platform-node-7");

        HttpResponse<String> again = hook(firing(), "alert-token");
        assertThat(again.body()).contains("\"repeats\":1").contains("\"declared\":0");
        assertThat(store.find(INC_1).orElseThrow().version()).isEqualTo(incident.version());
        assertThat(store.find(new IncidentId(2))).isEmpty();

        HttpResponse<String> resolved = hook(resolved(), "alert-token");
        assertThat(resolved.body()).contains("\"resolved\":1");
        List<TimelineEntry> alerts = entries(TimelineKind.ALERT);
        assertThat(alerts).singleElement().satisfies(e -> {
            assertThat(e.text()).startsWith("Alert resolved: NodeUnresponsive");
            assertThat(e.data()).containsEntry("fingerprint", "c6a1f3e2b7d94f10").containsEntry("status", "resolved");
        });
        assertThat(hook(resolved(), "alert-token").body()).contains("\"repeats\":1");
        assertThat(entries(TimelineKind.ALERT)).hasSize(1);
    }

    @Test
    void aFiringAlertAttachesToTheOpenIncidentOfItsService() throws Exception {
        HttpResponse<String> declared = http.send(HttpRequest.newBuilder(uri("/api/commands"))
                .header("Authorization", "Bearer api-token").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"text\":\"declare \\\"ConnectMe logins failing\\\" --service connectme\",\"user\":\"ana\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(declared.statusCode()).isEqualTo(200);

        HttpResponse<String> response = hook(firing(), "alert-token");

        assertThat(response.body()).contains("\"attached\":1").contains("\"declared\":0");
        assertThat(entries(TimelineKind.ALERT)).singleElement()
                .satisfies(e -> assertThat(e.text()).startsWith("Alert firing: NodeUnresponsive"));
    }

    @Test
    void anAlertWithoutServiceOrNodeLabelsStillReachesTheIncidentItOpened() throws Exception {
        String unlabelled = firing().replace(", \"service\": \"connectme\", \"node\": \"platform-node-7\",\n", ",\n");
        assertThat(unlabelled).isNotEqualTo(firing());

        hook(unlabelled, "alert-token");
        HttpResponse<String> resolved = hook(unlabelled.replace("\"status\": \"firing\",\n      \"labels\"",
                "\"status\": \"resolved\",\n      \"labels\""), "alert-token");

        assertThat(resolved.body()).contains("\"resolved\":1");
        assertThat(store.find(new IncidentId(2))).isEmpty();
        assertThat(entries(TimelineKind.ALERT)).singleElement()
                .satisfies(e -> assertThat(e.text()).startsWith("Alert resolved: NodeUnresponsive"));
    }

    @Test
    void aNotificationWhoseAlertAnotherDeliveryIsRecordingRightNowIs503AndChangesNothing() throws Exception {
        try (RedisConnection redis = RedisConnection.open(TestRedis.server().url())) {
            new RedisAlertMarks(redis, AlertDesk.IN_FLIGHT_FOR, Duration.ofHours(1))
                    .take(List.of("alert:c6a1f3e2b7d94f10:firing:2026-02-26T08:19:00Z"), Instant.now());
        }

        HttpResponse<String> busy = hook(firing(), "alert-token");

        assertThat(busy.statusCode()).as("Alertmanager sends it again").isEqualTo(503);
        assertThat(store.find(INC_1)).isEmpty();
    }

    @Test
    void aMalformedOrForeignBodyIsRefusedAndChangesNothing() throws Exception {
        for (String body : List.of("{not json", "{\"version\":\"3\",\"alerts\":[]}", "{\"version\":\"4\"}",
                "{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"X\"}}]}",
                "{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"fingerprint\":\"f1\",\"labels\":{\"alertname\":\" \"}}]}",
                firing().replace("\"firing\",\n      \"labels\"", "\"exploded\",\n      \"labels\""))) {
            HttpResponse<String> response = hook(body, "alert-token");
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.body()).contains("\"ok\":false");
        }
        assertThat(store.find(INC_1)).isEmpty();
    }

    @Test
    void aWrongOrMissingTokenIs401() throws Exception {
        assertThat(hook(firing(), "api-token").statusCode()).as("the API token is not the alert token").isEqualTo(401);
        assertThat(hook(firing(), null).statusCode()).isEqualTo(401);
        assertThat(store.find(INC_1)).isEmpty();
    }

    private static String firing() {
        return FIRING.formatted("firing", "0001-01-01T00:00:00Z");
    }

    private static String resolved() {
        return FIRING.formatted("resolved", "2026-02-26T09:22:00.000Z");
    }

    private List<TimelineEntry> entries(TimelineKind kind) {
        return store.timeline(INC_1).stream().filter(e -> e.kind() == kind).toList();
    }

    private HttpResponse<String> hook(String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/hooks/alertmanager"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
