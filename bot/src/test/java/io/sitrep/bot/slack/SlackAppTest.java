package io.sitrep.bot.slack;

import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;


import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.sitrep.bot.paging.ChatPagingFiles;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.chat.DeliveryQueue;
import io.sitrep.integrations.chat.slack.FakeSlackApi;
import io.sitrep.integrations.chat.slack.SlackGateway;
import io.sitrep.integrations.redis.TestRedis;

/**
 * The running app in Slack HTTP mode, on one shared Spring context: signed requests go to its
 * real Bolt endpoint, and its Web API calls and {@code response_url} answers to a local fake Slack.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
    "sitrep.console.enabled=false",
    "sitrep.api.token=api-token",
    "sitrep.slack.bot-token=xoxb-test",
    "sitrep.slack.signing-secret=" + SlackAppTest.SECRET,
    "sitrep.slack.stakeholder-channel=C0STAKE",
    "sitrep.reminders.escalation-channel=C0ESCALATE"
})
abstract class SlackAppTest {

    static final String SECRET = "test-signing-secret";
    static final String OPS_CHANNEL = "C0OPS";
    /** One fake for the whole run: the Spring context, and so the Bolt app, is shared by all Slack tests. */
    static final FakeSlackApi slack = new FakeSlackApi();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("sitrep.redis.url", () -> TestRedis.server().url());
        registry.add("sitrep.slack.api-url", slack::apiUrl);
        registry.add("sitrep.oncall.dir", ChatPagingFiles::dir);
    }

    @LocalServerPort
    int port;

    @Autowired
    IncidentStore store;

    @Autowired
    SlackGateway gateway;
    @Autowired
    protected DeliveryQueue deliveries;

    @Autowired
    ExecutorService slackCommandExecutor;

    final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int triggers;

    @BeforeEach
    void emptyStoreAndFake() {
        // Commands and posts run after the ack, so the last test's may still be under way: let them finish.
        awaitIdle();
        TestRedis.flushed();
        slack.reset();
    }

    /**
     * Waits until every acknowledged request has run and every post has gone out: what a test
     * sees after this is all the app will ever do with what it was sent.
     */
    void awaitIdle() {
        ThreadPoolExecutor commands = (ThreadPoolExecutor) slackCommandExecutor;
        await().atMost(Duration.ofSeconds(60)).until(() -> commands.getActiveCount() == 0
                && commands.getQueue().isEmpty() && deliveries.lanesOwed().isEmpty());
    }

    private String userId = "U0ALICE";
    private String userName = "alice";

    /** Requests from here on come from this Slack user (alice, U0ALICE, until told otherwise). */
    void actAs(String id, String name) {
        this.userId = id;
        this.userName = name;
    }

    /** A new trigger id, as Slack gives each click and each command. */
    String trigger() {
        return "trigger-" + (++triggers) + "-" + System.nanoTime();
    }

    String slashCommand(String text, String channel, String triggerId) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("token", "legacy-token");
        fields.put("team_id", "T0TEAM");
        fields.put("channel_id", channel);
        fields.put("channel_name", "ops");
        fields.put("user_id", userId);
        fields.put("user_name", userName);
        fields.put("command", "/incident");
        fields.put("text", text);
        fields.put("response_url", slack.baseUrl() + "/respond/" + triggerId);
        fields.put("trigger_id", triggerId);
        return form(fields);
    }

    String slashCommand(String text) {
        return slashCommand(text, OPS_CHANNEL, trigger());
    }

    /** A click on a card button in {@code channel}. */
    String buttonClick(String actionId, String value, String channel, String triggerId) {
        ObjectNode payload = json.createObjectNode();
        payload.put("type", "block_actions");
        payload.put("trigger_id", triggerId);
        payload.put("response_url", slack.baseUrl() + "/respond/" + triggerId);
        payload.set("user", user());
        payload.putObject("team").put("id", "T0TEAM");
        payload.putObject("channel").put("id", channel).put("name", "incident");
        payload.putObject("container").put("type", "message").put("channel_id", channel).put("message_ts", "1.2");
        ObjectNode action = payload.putArray("actions").addObject();
        action.put("type", "button");
        action.put("action_id", actionId);
        action.put("block_id", "sitrep.card.actions");
        action.put("value", value);
        action.put("action_ts", "1700000000.1");
        return form(Map.of("payload", payload.toString()));
    }

    /** A modal submitted: {@code values} maps block id → the typed text, or for "severity" the selected option. */
    String viewSubmission(String callbackId, String viewId, String privateMetadata, Map<String, String> values) {
        ObjectNode payload = json.createObjectNode();
        payload.put("type", "view_submission");
        payload.put("trigger_id", trigger());
        payload.set("user", user());
        payload.putObject("team").put("id", "T0TEAM");
        ObjectNode view = payload.putObject("view");
        view.put("id", viewId);
        view.put("type", "modal");
        view.put("callback_id", callbackId);
        view.put("private_metadata", privateMetadata);
        ObjectNode state = view.putObject("state").putObject("values");
        values.forEach((block, value) -> {
            ObjectNode element = state.putObject(block).putObject("value");
            if (block.equals("severity")) {
                element.put("type", "static_select");
                element.putObject("selected_option").put("value", value).putObject("text")
                        .put("type", "plain_text").put("text", value);
            } else {
                element.put("type", "plain_text_input");
                element.put("value", value);
            }
        });
        return form(Map.of("payload", payload.toString()));
    }

    private ObjectNode user() {
        ObjectNode user = json.createObjectNode();
        user.put("id", userId).put("username", userName).put("name", userName).put("team_id", "T0TEAM");
        return user;
    }

    HttpResponse<String> post(String body) throws Exception {
        return post(body, Instant.now(), SECRET, Map.of());
    }

    HttpResponse<String> post(String body, Instant at, String secret, Map<String, String> headers) throws Exception {
        String timestamp = Long.toString(at.getEpochSecond());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slack/events"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", sign(secret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postUnsigned(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slack/events"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String sign(String secret, String timestamp, String body) {
        return SlackRequests.sign(secret, timestamp, body);
    }

    private static String form(Map<String, String> fields) {
        return SlackRequests.form(fields);
    }
}
