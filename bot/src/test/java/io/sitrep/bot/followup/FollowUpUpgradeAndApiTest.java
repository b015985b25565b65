package io.sitrep.bot.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sitrep.integrations.redis.TestRedis;

/**
 * An incident stored when postmortem actions were plain strings (alice commands it, carol owns
 * its postmortem): its two actions read as open follow-ups INC-1/A1 and A2 with no owner, new
 * ones get an owner and a due date, and each is marked done or dropped by those who may, as the
 * API and the export show.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "sitrep.api.token=test-token",
        "sitrep.console.enabled=false"})
class FollowUpUpgradeAndApiTest {

    private static final String TOKEN = "test-token";

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("sitrep.redis.url", () -> TestRedis.server().url());
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void oldIncident() throws Exception {
        OldIncident.load();
    }

    @Test
    void oldActionsAreOpenFollowUpsWithNoOwnerInOrder() throws Exception {
        JsonNode all = get("/api/followups");

        assertThat(all.size()).isEqualTo(2);
        JsonNode first = all.get(0);
        assertThat(first.path("id").asText()).isEqualTo("INC-1/A1");
        assertThat(first.path("incident").asText()).isEqualTo("INC-1");
        assertThat(first.path("text").asText()).isEqualTo("Probe the session cache, not just the port");
        assertThat(first.path("owner").isNull()).isTrue();
        assertThat(first.path("due").isNull()).isTrue();
        assertThat(first.path("status").asText()).isEqualTo("open");
        assertThat(first.path("tracker").isNull()).isTrue();
        assertThat(all.get(1).path("id").asText()).isEqualTo("INC-1/A2");
        assertThat(all.get(1).path("text").asText()).isEqualTo("Add a lock timeout");
    }

    @Test
    void newFollowUpsCarryOwnerAndDueAndAreClosedOnlyByThoseWhoMay() throws Exception {
        assertThat(said("alice", "postmortem INC-1 action \"Alert on lock waits\" --owner @bob --due 2026-01-15"))
                .contains("INC-1/A3").contains("bob").contains("2026-01-15");

        assertThat(get("/api/followups?owner=bob")).extracting(n -> n.path("id").asText()).containsExactly("INC-1/A3");
        assertThat(get("/api/followups?owner=@bob").get(0).path("due").asText()).isEqualTo("2026-01-15");
        assertThat(get("/api/followups?status=overdue")).extracting(n -> n.path("id").asText())
                .as("past its due date, and the only one with one").containsExactly("INC-1/A3");

        JsonNode refused = command("mallory", "followup done INC-1/A3");
        assertThat(refused.path("ok").asBoolean(true)).isFalse();
        assertThat(refused.path("error").asText()).contains("Only the follow-up's owner (bob)");
        assertThat(get("/api/followups?status=open").size()).isEqualTo(3);

        assertThat(said("bob", "followup done INC-1/A3 \"shipped in 4.2\""))
                .contains("INC-1/A3 done by bob: shipped in 4.2");
        assertThat(said("carol", "followup drop INC-1/A1 superseded"))
                .as("the postmortem owner may").contains("INC-1/A1 dropped by carol");
        assertThat(said("bob", "followup done INC-1/A3")).contains("done already");

        assertThat(get("/api/followups?status=done")).extracting(n -> n.path("id").asText()).containsExactly("INC-1/A3");
        assertThat(get("/api/followups?status=dropped")).extracting(n -> n.path("id").asText())
                .containsExactly("INC-1/A1");
        assertThat(get("/api/followups?status=open")).extracting(n -> n.path("id").asText()).containsExactly("INC-1/A2");
        assertThat(said("dave", "followup list INC-1"))
                .contains("INC-1/A1 [dropped]", "INC-1/A2 [open]", "INC-1/A3 [done]");

        JsonNode timeline = getJson("/api/incidents/INC-1/timeline");
        JsonNode entries = timeline.has("entries") ? timeline.path("entries") : timeline;
        assertThat(entries.findValuesAsText("text")).contains("INC-1/A3 done by bob: shipped in 4.2");
    }

    @Test
    void badFiltersAreRefusedWithTheStatusesThereAre() throws Exception {
        HttpResponse<String> bad = send(HttpRequest.newBuilder(URI.create(base() + "/api/followups?status=later"))
                .header("Authorization", "Bearer " + TOKEN).build());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json.readTree(bad.body()).path("error").asText()).contains("open, done, dropped");
        HttpResponse<String> noToken = send(HttpRequest.newBuilder(URI.create(base() + "/api/followups")).build());
        assertThat(noToken.statusCode()).isEqualTo(401);
    }

    private JsonNode get(String path) throws Exception {
        JsonNode body = getJson(path);
        assertThat(body.isArray()).as(body.toString()).isTrue();
        return body;
    }

    private JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", "Bearer " + TOKEN).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    /** The command's answer: its replies' text, or its error. */
    private String said(String user, String text) throws Exception {
        JsonNode answer = command(user, text);
        return answer.path("ok").asBoolean() ? String.join("\n", answer.path("replies").findValuesAsText("text"))
                : answer.path("error").asText();
    }

    private JsonNode command(String user, String text) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base() + "/api/commands"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("text", text, "user", user))))
                .build());
        return json.readTree(response.body());
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }
}
