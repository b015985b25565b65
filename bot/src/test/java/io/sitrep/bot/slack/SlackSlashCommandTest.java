package io.sitrep.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.app_backend.SlackSignature;

import io.sitrep.incident.IncidentId;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.redis.TestRedis;

/** Signed slash commands POSTed to the real Bolt endpoint of the running app; Slack faked locally. */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
    "sitrep.console.enabled=false",
    "sitrep.api.token=api-token",
    "sitrep.slack.bot-token=xoxb-test",
    "sitrep.slack.signing-secret=" + SlackSlashCommandTest.SECRET,
    "sitrep.slack.stakeholder-channel=C0STAKE"
})
class SlackSlashCommandTest {

    static final String SECRET = "test-signing-secret";
    private static final FakeSlackApi slack = new FakeSlackApi();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("sitrep.redis.url", () -> TestRedis.server().url());
        registry.add("sitrep.slack.api-url", () -> slack.baseUrl() + "/api/");
    }

    @AfterAll
    static void stopFake() {
        slack.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    IncidentStore store;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void emptyStoreAndFake() {
        TestRedis.flushed();
        slack.reset();
    }

    @Test
    void signsLikeSlacksPublishedTestVector() {
        // From Slack's "Verifying requests from Slack" guide.
        String secret = "8f742231b10e8888abcd99yyyzzz85a5";
        String timestamp = "1531420618";
        String body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
                + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
                + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
                + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
        String expected = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

        assertThat(sign(secret, timestamp, body)).isEqualTo(expected);
        assertThat(new SlackSignature.Generator(secret).generate(timestamp, body)).isEqualTo(expected);
    }

    @Test
    void declaresFromSlackAndAnswersThroughResponseUrlAndTheStakeholderChannel() throws Exception {
        HttpResponse<String> response = post(slashCommand("declare \"Checkout <!channel> errors\" --sev 2"),
                Instant.now(), SECRET);

        assertThat(response.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !slack.calls("/respond/1").isEmpty()
                && !slack.calls("/api/chat.postMessage").isEmpty());
        JsonNode answer = json.readTree(slack.calls("/respond/1").get(0).body());
        assertThat(answer.path("response_type").asText()).isEqualTo("in_channel");
        assertThat(answer.path("text").asText()).contains("Declared INC-1")
                .contains("Checkout &lt;!channel&gt; errors").doesNotContain("<!channel>");
        Map<String, String> post = form(slack.calls("/api/chat.postMessage").get(0).body());
        assertThat(post).containsEntry("channel", "C0STAKE");
        assertThat(post.get("text")).contains("New incident INC-1");
        assertThat(store.find(new IncidentId(1))).hasValueSatisfying(i -> assertThat(i.declaredBy()).isEqualTo("alice"));
        assertThat(store.timeline(new IncidentId(1)).get(0).source()).isEqualTo("slack");
    }

    @Test
    void answersAnErrorEphemerally() throws Exception {
        HttpResponse<String> response = post(slashCommand("frobnicate"), Instant.now(), SECRET);

        assertThat(response.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !slack.calls("/respond/1").isEmpty());
        JsonNode answer = json.readTree(slack.calls("/respond/1").get(0).body());
        assertThat(answer.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(answer.path("text").asText()).startsWith("✗ Unknown command 'frobnicate'");
    }

    @Test
    void refusesABadSignatureAndChangesNothing() throws Exception {
        HttpResponse<String> response = post(slashCommand("declare \"forged\""), Instant.now(), "not-the-secret");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(store.find(new IncidentId(1))).isEmpty();
    }

    @Test
    void refusesATimestampOlderThanFiveMinutes() throws Exception {
        HttpResponse<String> response = post(slashCommand("declare \"replayed\""),
                Instant.now().minus(Duration.ofMinutes(6)), SECRET);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(store.find(new IncidentId(1))).isEmpty();
    }

    @Test
    void refusesARequestWithoutSlackHeaders() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slack/events"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(slashCommand("declare \"unsigned\""))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(store.find(new IncidentId(1))).isEmpty();
    }

    private String slashCommand(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("token", "legacy-token");
        fields.put("team_id", "T0TEAM");
        fields.put("channel_id", "C0OPS");
        fields.put("channel_name", "ops");
        fields.put("user_id", "U0ALICE");
        fields.put("user_name", "alice");
        fields.put("command", "/incident");
        fields.put("text", text);
        fields.put("response_url", slack.baseUrl() + "/respond/1");
        fields.put("trigger_id", "1.2.3");
        return fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private HttpResponse<String> post(String body, Instant at, String secret) throws Exception {
        String timestamp = Long.toString(at.getEpochSecond());
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slack/events"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", sign(secret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Slack's v0 scheme: HMAC-SHA256 of {@code v0:<timestamp>:<body>} with the signing secret. */
    private static String sign(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }
}
