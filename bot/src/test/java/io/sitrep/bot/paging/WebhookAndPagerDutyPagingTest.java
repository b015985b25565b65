package io.sitrep.bot.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.AfterAll;
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
 * Paging by webhook and PagerDuty end to end: commands over the HTTP API page the policy of the
 * incident's service; the reminder clock notifies it; the delivery workers post to a real
 * webhook receiver that checks the Standard Webhooks signature itself and to a real fake of
 * PagerDuty's Events API v2 that checks each event's shape — through outages, rate limits,
 * refusals and a receiver that hangs.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "sitrep.api.token=test-token",
        "sitrep.console.enabled=false",
        "sitrep.public-url=https://sitrep.example/",
        "sitrep.paging.webhook-secret=" + WebhookAndPagerDutyPagingTest.SECRET,
        "sitrep.delivery.max-backoff=2s",
        "sitrep.delivery.poll-interval=500ms"})
class WebhookAndPagerDutyPagingTest {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String TOKEN = "test-token";
    private static final String ANT_KEY = "R0ANT000000000000000000000000001";
    private static final String BEA_KEY = "R0BEA000000000000000000000000002";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static final VerifyingWebhookReceiver WEBHOOK_CHECKS = new VerifyingWebhookReceiver(SECRET);
    private static final ScriptedReceiver WEBHOOKS = new ScriptedReceiver(WEBHOOK_CHECKS);
    private static final ScriptedReceiver PAGERDUTY = new ScriptedReceiver(new PagerDutyEventsFake());
    private static final Path DIR = onCallFiles();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("sitrep.redis.url", () -> TestRedis.server().url());
        registry.add("sitrep.oncall.dir", DIR::toString);
        registry.add("sitrep.paging.pagerduty-url", () -> PAGERDUTY.url("/v2/enqueue"));
    }

    /** ant then bea for the checkout service, five minutes each; both with a webhook and PagerDuty. */
    private static Path onCallFiles() {
        try {
            Path dir = Files.createTempDirectory("paging-hooks");
            Files.createDirectories(dir.resolve("policies"));
            Files.writeString(dir.resolve("people.yml"), """
                    people:
                      ant: { webhook: "%s", pagerduty: %s }
                      bea: { webhook: "%s", pagerduty: %s }
                    """.formatted(WEBHOOKS.url("/hooks/ant"), ANT_KEY, WEBHOOKS.url("/hooks/bea"), BEA_KEY));
            Files.writeString(dir.resolve("policies/checkout.yml"), """
                    id: checkout
                    services: [checkout]
                    levels:
                      - notify: [person:ant]
                        escalate-after: PT5M
                      - notify: [person:bea]
                        escalate-after: PT5M
                    """);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void startAfresh() {
        TestRedis.flushed();
        WEBHOOKS.reset();
        WEBHOOK_CHECKS.reset();
        PAGERDUTY.reset();
    }

    @AfterAll
    static void stopReceivers() {
        WEBHOOKS.close();
        PAGERDUTY.close();
    }

    @Test
    void triggersEachPersonOnceThroughOutagesAndRateLimits() throws Exception {
        WEBHOOKS.script(ScriptedReceiver.Answer.status(500), ScriptedReceiver.Answer.retryAfter(429, "2"));
        PAGERDUTY.script(ScriptedReceiver.Answer.status(503), ScriptedReceiver.Answer.retryAfter(429, "2"));

        declare();

        await().atMost(WAIT).until(() -> WEBHOOKS.taken().size() == 1 && PAGERDUTY.taken().size() == 1);
        List<ScriptedReceiver.Request> hooks = WEBHOOKS.requests();
        assertThat(hooks).extracting(ScriptedReceiver.Request::answered).containsExactly(500, 429, 204);
        assertThat(hooks).extracting(r -> r.header("webhook-id")).as("one id on every try").containsOnly(
                hooks.get(0).header("webhook-id"));
        assertThat(Duration.between(hooks.get(1).at(), hooks.get(2).at())).as("Retry-After: 2 honoured")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        assertThat(WEBHOOK_CHECKS.problems()).isEmpty();
        JsonNode hook = hooks.get(2).json();
        assertThat(hooks.get(2).path()).isEqualTo("/hooks/ant");
        assertThat(hook.path("type").asText()).isEqualTo("page.triggered");
        assertThat(hook.path("incident").path("id").asText()).isEqualTo("INC-1");
        assertThat(hook.path("incident").path("title").asText()).isEqualTo("Checkout fails");
        assertThat(hook.path("incident").path("severity").asText()).isEqualTo("SEV1");
        assertThat(hook.path("incident").path("service").asText()).isEqualTo("checkout");
        assertThat(hook.path("incident").path("state").asText()).isNotBlank();
        assertThat(hook.path("page").path("id").asText()).isEqualTo("P1");
        assertThat(hook.path("page").path("level").asInt()).isEqualTo(1);
        assertThat(hook.path("page").path("reason").asText()).contains("Checkout fails");
        assertThat(hook.path("person").asText()).isEqualTo("ant");
        assertThat(hook.path("text").asText()).contains("INC-1");
        assertThat(hook.path("link").asText()).isEqualTo("https://sitrep.example/api/incidents/INC-1");

        List<ScriptedReceiver.Request> events = PAGERDUTY.requests();
        assertThat(events).extracting(ScriptedReceiver.Request::answered).containsExactly(503, 429, 202);
        assertThat(events).extracting(r -> r.json().path("dedup_key").asText()).containsOnly("sitrep-INC-1-P1");
        JsonNode trigger = events.get(2).json();
        assertThat(trigger.path("routing_key").asText()).isEqualTo(ANT_KEY);
        assertThat(trigger.path("event_action").asText()).isEqualTo("trigger");
        assertThat(trigger.path("payload").path("severity").asText()).isEqualTo("critical");
        assertThat(trigger.path("payload").path("source").asText()).isEqualTo("sitrep");
        assertThat(trigger.path("payload").path("summary").asText()).startsWith("INC-1 SEV1 Checkout fails");
        assertThat(trigger.path("links").get(0).path("href").asText())
                .isEqualTo("https://sitrep.example/api/incidents/INC-1");

        await().atMost(WAIT).until(() -> notified().size() == 2);
        assertThat(notified()).extracting(n -> n.path("data").path("method").asText())
                .containsExactlyInAnyOrder("webhook", "pagerduty");
        assertThat(notified()).allSatisfy(n -> assertThat(n.path("data").path("failed").asBoolean()).isFalse());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> WEBHOOKS.taken().size() == 1 && PAGERDUTY.taken().size() == 1);
        assertThat(WEBHOOKS.taken()).hasSize(1);
        assertThat(PAGERDUTY.taken()).as("bea's level is five minutes away").hasSize(1);
    }

    @Test
    void aRefusedTriggerIsOnTheTimelineAndEscalatesAtOnce() throws Exception {
        PAGERDUTY.script(PagerDutyEventsFake.invalid(List.of("Length of 'routing_key' is incorrect")));

        declare();

        await().atMost(WAIT).until(() -> PAGERDUTY.taken().stream()
                .anyMatch(r -> r.json().path("routing_key").asText().equals(BEA_KEY)));
        JsonNode failed = notified().stream().filter(n -> n.path("data").path("failed").asBoolean()).findFirst()
                .orElseThrow();
        assertThat(failed.path("data").path("person").asText()).isEqualTo("ant");
        assertThat(failed.path("data").path("method").asText()).isEqualTo("pagerduty");
        assertThat(failed.path("data").path("error").asText()).contains("400").contains("Event object is invalid")
                .contains("routing_key");
        assertThat(kinds()).contains("ESCALATED");
        await().atMost(WAIT).until(() -> WEBHOOKS.taken().stream().anyMatch(r -> r.path().equals("/hooks/bea")));
        assertThat(PAGERDUTY.requests().stream().filter(r -> r.json().path("routing_key").asText().equals(ANT_KEY)))
                .as("a refusal is not retried").hasSize(1);
    }

    @Test
    void aHangingReceiverTimesOutAndIsTriedAgain() throws Exception {
        WEBHOOKS.script(ScriptedReceiver.Answer.HANG);

        declare();

        await().atMost(WAIT).until(() -> WEBHOOKS.taken().size() == 1);
        List<ScriptedReceiver.Request> hooks = WEBHOOKS.requests();
        assertThat(hooks).hasSize(2);
        assertThat(hooks.get(1).header("webhook-id")).isEqualTo(hooks.get(0).header("webhook-id"));
        assertThat(Duration.between(hooks.get(0).at(), hooks.get(1).at()))
                .as("given up after the 5 s timeout, then tried again")
                .isBetween(Duration.ofMillis(4900), Duration.ofSeconds(12));
    }

    @Test
    void theirOwnAcknowledgementAndTheResolutionReachPagerDutyAndTheWebhook() throws Exception {
        declare();
        await().atMost(WAIT).until(() -> WEBHOOKS.taken().size() == 1 && PAGERDUTY.taken().size() == 1);

        // ant needs no message about it, but their PagerDuty alert must stop ringing.
        assertThat(command("/incident ack INC-1", "ant").statusCode()).isEqualTo(200);

        await().atMost(WAIT).until(() -> actions().contains("acknowledge") && types().contains("page.acknowledged"));
        JsonNode ack = event("acknowledge");
        assertThat(ack.path("dedup_key").asText()).isEqualTo("sitrep-INC-1-P1");
        assertThat(ack.path("routing_key").asText()).isEqualTo(ANT_KEY);

        assertThat(command("/incident resolved INC-1 \"checkout works again\"").statusCode()).isEqualTo(200);

        await().atMost(WAIT).until(() -> actions().contains("resolve") && types().contains("page.ended"));
        assertThat(event("resolve").path("dedup_key").asText()).isEqualTo("sitrep-INC-1-P1");
        assertThat(actions()).containsExactly("trigger", "acknowledge", "resolve");
        assertThat(types()).containsExactly("page.triggered", "page.acknowledged", "page.ended");
        assertThat(WEBHOOK_CHECKS.repeats()).isEmpty();
    }

    @Test
    void aResolutionBeforeAnyAcknowledgementEndsThePage() throws Exception {
        declare();
        await().atMost(WAIT).until(() -> WEBHOOKS.taken().size() == 1 && PAGERDUTY.taken().size() == 1);

        assertThat(command("/incident resolved INC-1 \"it recovered\"").statusCode()).isEqualTo(200);

        await().atMost(WAIT).until(() -> actions().contains("resolve") && types().contains("page.ended"));
        assertThat(actions()).containsExactly("trigger", "resolve");
        assertThat(WEBHOOKS.taken().get(1).json().path("page").path("id").asText()).isEqualTo("P1");
    }

    @Test
    void aPageAcknowledgedWhileItsTriggerWaitsSendsNoTrigger() throws Exception {
        WEBHOOKS.down();
        PAGERDUTY.down();
        declare();
        await().atMost(WAIT).until(() -> !WEBHOOKS.requests().isEmpty() && !PAGERDUTY.requests().isEmpty());

        assertThat(command("/incident ack INC-1").statusCode()).isEqualTo(200);
        WEBHOOKS.up();
        PAGERDUTY.up();

        await().atMost(WAIT).until(() -> actions().contains("acknowledge") && types().contains("page.acknowledged"));
        assertThat(actions()).doesNotContain("trigger");
        assertThat(types()).doesNotContain("page.triggered");
        assertThat(notified()).as("nobody notified").isEmpty();
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private void declare() throws Exception {
        HttpResponse<String> declared = command("/incident declare \"Checkout fails\" --sev 1 --service checkout");
        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(200);
    }

    /** The event actions PagerDuty took, in order. */
    private static List<String> actions() {
        return PAGERDUTY.taken().stream().map(r -> r.json().path("event_action").asText()).toList();
    }

    private static JsonNode event(String action) {
        return PAGERDUTY.taken().stream().map(ScriptedReceiver.Request::json)
                .filter(e -> e.path("event_action").asText().equals(action)).findFirst().orElseThrow();
    }

    /** The webhook types taken, in order. */
    private static List<String> types() {
        return WEBHOOKS.taken().stream().map(r -> r.json().path("type").asText()).toList();
    }

    private List<JsonNode> notified() throws Exception {
        return timeline().stream().filter(e -> e.path("kind").asText().equals("NOTIFIED")).toList();
    }

    private List<String> kinds() throws Exception {
        return timeline().stream().map(e -> e.path("kind").asText()).toList();
    }

    private List<JsonNode> timeline() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/incidents/INC-1/timeline"))
                .header("Authorization", "Bearer " + TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new ArrayList<>(StreamSupport.stream(json.readTree(response.body()).spliterator(), false).toList());
    }

    private HttpResponse<String> command(String text) throws Exception {
        return command(text, "alice");
    }

    private HttpResponse<String> command(String text, String user) throws Exception {
        String body = json.createObjectNode().put("text", text).put("user", user).put("channel", "ops").toString();
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/commands"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
