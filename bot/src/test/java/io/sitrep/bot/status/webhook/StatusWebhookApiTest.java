package io.sitrep.bot.status.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sitrep.bot.paging.ScriptedReceiver;
import io.sitrep.bot.paging.VerifyingWebhookReceiver;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.ChatGateway;
import io.sitrep.integrations.chat.Delivery;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.DeliveryResult;
import io.sitrep.integrations.chat.DeliverySteps;
import io.sitrep.integrations.redis.TestRedis;

/**
 * The status page's webhook subscribers on a running Sitrep: kept over the API, told of each
 * public post by signed POSTs to a real HTTP receiver on loopback that checks each signature
 * itself, retried through outages, rate limits and a receiver that hangs, and given up after
 * a (short, here) {@code webhook-give-up} with a notice to the admins.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "sitrep.api.token=" + StatusWebhookApiTest.TOKEN,
        "sitrep.console.enabled=false",
        "sitrep.public-url=https://sitrep.example/",
        "sitrep.delivery.poll-interval=1s",
        "sitrep.delivery.max-backoff=1s",
        "sitrep.status.webhook-retry=200ms",
        "sitrep.status.webhook-give-up=3s",
        "sitrep.reminders.escalation-channel=admins",
        "sitrep.status.components[0].name=API",
        "sitrep.status.components[0].service=api",
        "sitrep.status.components[1].name=Web",
        "sitrep.status.components[1].service=web"})
class StatusWebhookApiTest {

    static final String TOKEN = "status-hooks-token";
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    /** A database of its own: this context's workers must not take other contexts' work. */
    private static final int DATABASE = 17;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final VerifyingWebhookReceiver CHECKS = new VerifyingWebhookReceiver(SECRET);
    private static final ScriptedReceiver RECEIVER = new ScriptedReceiver(CHECKS);
    private static final List<String> ESCALATED = new CopyOnWriteArrayList<>();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("sitrep.redis.url", () -> TestRedis.server().url() + "/" + DATABASE);
    }

    /** What the escalation channel would show: a terminal-like gateway of this process sees every delivery. */
    @TestConfiguration
    static class EscalationChannel {
        @Bean
        ChatGateway escalationRecorder() {
            return new ChatGateway() {
                @Override
                public DeliveryResult deliver(Delivery delivery, DeliverySteps steps) {
                    delivery.messages().stream().filter(m -> m.audience() instanceof Audience.Escalation)
                            .map(DeliveryMessage::text).forEach(ESCALATED::add);
                    return DeliveryResult.delivered();
                }

                @Override
                public String platform() {
                    return "recorder";
                }

                @Override
                public boolean durable() {
                    return false;
                }
            };
        }
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private int incidents;

    @BeforeEach
    void startAfresh() throws Exception {
        for (JsonNode hook : json.readTree(call("GET", "/api/status/webhooks", null).body())) {
            call("DELETE", "/api/status/webhooks/" + hook.path("id").asText(), null);
        }
        RECEIVER.reset();
        CHECKS.reset();
        ESCALATED.clear();
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    @Test
    void eachPostReachesEachSubscriberOfItsComponentsOnce() throws Exception {
        String api = subscribe("/api", "[\"api\"]");
        String web = subscribe("/web", "[\"Web\"]");
        String all = subscribe("/all", "[]");
        String incident = declare("Logins fail", "api");

        command("/incident update " + incident + " \"Logins fail for some <@U0BOB> is on it\"");
        command("/incident resolved " + incident + " \"Fixed\"");

        await().atMost(WAIT).until(() -> RECEIVER.taken().size() == 4);
        Thread.sleep(1500); // long enough for a second copy to arrive, were one sent
        List<ScriptedReceiver.Request> taken = RECEIVER.taken();
        assertThat(taken).hasSize(4);
        assertThat(CHECKS.problems()).as("every signature checks out").isEmpty();
        assertThat(CHECKS.repeats()).as("nothing sent twice").isEmpty();
        assertThat(taken).extracting(ScriptedReceiver.Request::path).containsOnly("/api", "/all")
                .as("the Web subscriber hears nothing of an API incident").doesNotContain("/web");
        assertThat(taken).extracting(r -> r.header("webhook-id")).doesNotHaveDuplicates();
        JsonNode update = taken.stream().filter(r -> r.path().equals("/api")).map(ScriptedReceiver.Request::json)
                .filter(j -> j.path("type").asText().equals("incident.updated")).findFirst().orElseThrow();
        assertThat(update.path("incident").path("id").asText()).isEqualTo(incident);
        assertThat(update.path("incident").path("title").asText()).isEqualTo("Logins fail 1");
        assertThat(update.path("incident").path("components").toString()).isEqualTo("[\"API\"]");
        assertThat(update.path("incident").path("url").asText())
                .isEqualTo("https://sitrep.example/status/incidents/" + incident);
        assertThat(update.path("post").path("text").asText()).isEqualTo("Logins fail for some a responder is on it");
        assertThat(update.path("post").path("status").asText()).isEqualTo("Investigating");
        assertThat(update.path("post").path("posted_at").asText()).endsWith("Z");
        assertThat(taken.stream().map(ScriptedReceiver.Request::json).map(j -> j.path("type").asText()))
                .containsOnly("incident.updated", "incident.resolved");
        assertThat(list()).extracting(h -> h.path("id").asText()).containsExactly(api, web, all);
    }

    @Test
    void aPrivateIncidentIsNeverPosted() throws Exception {
        subscribe("/all", "[]");
        String incident = json.readTree(command("/incident declare \"Quiet matter\" --private --service api")
                .body()).path("incident").asText();
        command("/incident update " + incident + " \"Only for us\"");
        Thread.sleep(2000);
        assertThat(RECEIVER.requests()).isEmpty();
    }

    @Test
    void anOutageIsRetriedWithTheSameId() throws Exception {
        subscribe("/flaky", "[]");
        RECEIVER.script(ScriptedReceiver.Answer.status(500));
        update(declare("Search slow", "web"));

        await().atMost(WAIT).until(() -> RECEIVER.taken().size() == 1);
        List<ScriptedReceiver.Request> tries = RECEIVER.requests();
        assertThat(tries).extracting(ScriptedReceiver.Request::answered).containsExactly(500, 204);
        assertThat(tries).extracting(r -> r.header("webhook-id")).containsOnly(tries.get(0).header("webhook-id"));
        assertThat(CHECKS.problems()).isEmpty();
    }

    @Test
    void retryAfterIsHonoured() throws Exception {
        subscribe("/busy", "[]");
        RECEIVER.script(ScriptedReceiver.Answer.retryAfter(429, "2"));
        update(declare("Search slow", "web"));

        await().atMost(WAIT).until(() -> RECEIVER.taken().size() == 1);
        List<ScriptedReceiver.Request> tries = RECEIVER.requests();
        assertThat(tries).extracting(ScriptedReceiver.Request::answered).containsExactly(429, 204);
        assertThat(Duration.between(tries.get(0).at(), tries.get(1).at())).as("Retry-After: 2, not the 200 ms backoff")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }

    @Test
    void aReceiverThatHangsTimesOutAndIsTriedAgain() throws Exception {
        subscribe("/slow", "[]");
        String fast = subscribe("/fast", "[]");
        RECEIVER.script(ScriptedReceiver.Answer.HANG);
        update(declare("Search slow", "web"));

        await().atMost(WAIT).until(() -> RECEIVER.taken().size() == 2);
        List<ScriptedReceiver.Request> tries = RECEIVER.requests();
        assertThat(tries).hasSize(3);
        ScriptedReceiver.Request hung = tries.get(0);
        ScriptedReceiver.Request retried = tries.stream().filter(r -> r.taken() && r.path().equals(hung.path()))
                .findFirst().orElseThrow();
        assertThat(retried.header("webhook-id")).isEqualTo(hung.header("webhook-id"));
        assertThat(Duration.between(hung.at(), retried.at())).as("after the 5 s timeout")
                .isGreaterThanOrEqualTo(Duration.ofMillis(4900));
        ScriptedReceiver.Request other = tries.stream().filter(r -> !r.path().equals(hung.path())).findFirst()
                .orElseThrow();
        assertThat(Duration.between(hung.at(), other.at())).as("the other subscriber does not wait for it")
                .isLessThan(Duration.ofSeconds(2));
        assertThat(fast).startsWith("wh_");
    }

    @Test
    void aSubscriberFailingPastTheGiveUpIsDisabledAndTheAdminsAreTold() throws Exception {
        String broken = subscribe("/broken?token=do-not-log", "[]");
        for (int i = 0; i < 50; i++) {
            RECEIVER.script(ScriptedReceiver.Answer.status(500));
        }
        String incident = declare("Search slow", "web");
        update(incident);

        await().atMost(WAIT).until(() -> list().get(0).path("enabled").asText().equals("false"));
        JsonNode hook = list().get(0);
        assertThat(hook.path("id").asText()).isEqualTo(broken);
        assertThat(hook.path("disabledAt").asText()).endsWith("Z");
        assertThat(hook.path("lastError").asText()).isEqualTo("the webhook answered 500");
        await().atMost(WAIT).until(() -> !ESCALATED.isEmpty());
        assertThat(ESCALATED).singleElement().satisfies(text -> assertThat(text)
                .contains("Status webhook " + broken, "is disabled", "/api/status/webhooks/" + broken + "/enable")
                .doesNotContain("do-not-log", "whsec_"));
        int tries = RECEIVER.requests().size();
        command("/incident update " + incident + " \"Still slow\"");
        Thread.sleep(1500);
        assertThat(RECEIVER.requests()).as("a disabled subscriber hears nothing more").hasSize(tries);

        HttpResponse<String> enabled = call("POST", "/api/status/webhooks/" + broken + "/enable", "");
        assertThat(enabled.statusCode()).isEqualTo(200);
        assertThat(json.readTree(enabled.body()).path("enabled").asBoolean()).isTrue();
        RECEIVER.reset();
        command("/incident update " + incident + " \"Better now\"");
        await().atMost(WAIT).until(() -> RECEIVER.taken().size() == 1);
    }

    @Test
    void theApiRefusesBadInputAndNeverShowsSecrets() throws Exception {
        assertRefused("{\"url\": \"ftp://example.com/x\", \"secret\": \"" + SECRET + "\"}", "\"url\" must be an http(s) URL");
        assertRefused("{\"url\": \"https://example.com/x\", \"secret\": \"hunter2\"}", "\"secret\" must be whsec_");
        assertRefused("{\"url\": \"https://example.com/x\", \"secret\": \"whsec_c2hvcnQ=\"}", "\"secret\" must be whsec_");
        assertRefused("{\"url\": \"https://example.com/x\", \"secret\": \"" + SECRET + "\", \"components\": [\"Nope\"]}",
                "There is no component \"Nope\" on the status page. Components: API, Web");
        assertRefused("{\"url\": ", "");
        assertThat(list()).as("nothing stored").isEmpty();

        HttpResponse<String> created = call("POST", "/api/status/webhooks",
                "{\"url\": \"https://example.com/x\", \"secret\": \"" + SECRET + "\", \"components\": [\"web\"]}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = json.readTree(created.body());
        assertThat(body.path("components").toString()).isEqualTo("[\"Web\"]");
        assertThat(body.path("enabled").asBoolean()).isTrue();
        assertThat(created.body()).doesNotContain("whsec_", "secret");
        assertThat(call("GET", "/api/status/webhooks", null).body()).doesNotContain("whsec_", "secret");
        assertThat(call("DELETE", "/api/status/webhooks/wh_none", null).statusCode()).isEqualTo(404);
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + "/api/status/webhooks"))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).as("the token is needed").isEqualTo(401);
    }

    private void assertRefused(String body, String error) throws Exception {
        HttpResponse<String> answer = call("POST", "/api/status/webhooks", body);
        assertThat(answer.statusCode()).as(body).isEqualTo(400);
        JsonNode json = this.json.readTree(answer.body());
        assertThat(json.path("ok").asBoolean(true)).isFalse();
        assertThat(json.path("error").asText()).startsWith(error).endsWith(".");
    }

    private String subscribe(String path, String components) throws Exception {
        HttpResponse<String> created = call("POST", "/api/status/webhooks", "{\"url\": \"" + RECEIVER.url(path)
                + "\", \"secret\": \"" + SECRET + "\", \"components\": " + components + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).path("id").asText();
    }

    private List<JsonNode> list() throws Exception {
        List<JsonNode> hooks = new java.util.ArrayList<>();
        json.readTree(call("GET", "/api/status/webhooks", null).body()).forEach(hooks::add);
        return hooks;
    }

    private String declare(String title, String service) throws Exception {
        HttpResponse<String> declared = command("/incident declare \"" + title + " " + (++incidents) + "\" --service "
                + service);
        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(200);
        return json.readTree(declared.body()).path("incident").asText();
    }

    private void update(String incident) throws Exception {
        HttpResponse<String> updated = command("/incident update " + incident + " \"Looking into it\"");
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
    }

    private HttpResponse<String> command(String text) throws Exception {
        return call("POST", "/api/commands", json.createObjectNode().put("text", text).put("user", "alice").toString());
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }
}
