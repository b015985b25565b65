package io.sitrep.bot.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.sitrep.integrations.redis.TestRedis;

/** Sitrep's own series in /actuator/prometheus on the management port, behind the API token; the probes stay open. */
@AutoConfigureObservability // tests leave metrics export off unless asked
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "sitrep.api.token=" + MetricsTest.TOKEN,
        "sitrep.console.enabled=false"})
class MetricsTest {

    static final String TOKEN = "metrics-token";

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        // A database of its own: the metrics count what this context sees.
        registry.add("sitrep.redis.url", () -> TestRedis.server().url() + "/5");
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theMetricsNeedTheTokenAndCountCommandsIncidentsAndOverdueUpdates() throws Exception {
        assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        assertThat(managementPort).as("the actuator has a port of its own").isNotEqualTo(port);

        assertThat(command("/incident declare \"Checkout errors\" --sev 2").statusCode()).isEqualTo(200);
        assertThat(command("/incident resolved INC-9 \"nothing\"").statusCode()).isEqualTo(404);
        assertThat(command("/incident frobnicate").statusCode()).isEqualTo(400);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(metrics())
                .contains("sitrep_incidents_open{severity=\"SEV2\",state=\"INVESTIGATING\"} 1.0"));
        String metrics = metrics();
        assertThat(metrics).contains("sitrep_commands_total{command=\"declare\",outcome=\"ok\"} 1.0")
                .contains("sitrep_commands_total{command=\"resolved\",outcome=\"not_found\"} 1.0")
                .contains("sitrep_commands_total{command=\"unknown\",outcome=\"bad_command\"} 1.0")
                .contains("sitrep_incidents_open{severity=\"SEV1\",state=\"TRIAGE\"} 0.0")
                .contains("sitrep_stakeholder_update_overdue{incident=\"INC-1\"} 0.0")
                .contains("sitrep_reminders_sent_total 0.0")
                .contains("sitrep_reminder_lateness_seconds_count 0");
        java.util.regex.Matcher trips = java.util.regex.Pattern.compile("(?m)^sitrep_redis_round_trips_total (\\S+)$")
                .matcher(metrics);
        assertThat(trips.find()).as("the replica's Redis round trips are exported").isTrue();
        assertThat(Double.parseDouble(trips.group(1))).as("commands above made some").isGreaterThan(3);
    }

    private String metrics() throws Exception {
        HttpResponse<String> response = get("/actuator/prometheus", TOKEN);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> command(String text) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/commands"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"" + text.replace("\"", "\\\"")
                        + "\",\"user\":\"alice\"}")).build(), HttpResponse.BodyHandlers.ofString());
    }
}
