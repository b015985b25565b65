package io.sitrep.bot.status.subscribers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;

import io.sitrep.integrations.redis.RedisConnection;
import io.sitrep.integrations.redis.TestRedis;

/**
 * Mail subscribers end to end: a running Sitrep, a real SMTP server (GreenMail) the mails are read
 * back from, and their links followed over HTTP as a mail client and a browser would.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "sitrep.api.token=" + SubscribersTest.TOKEN,
        "sitrep.console.enabled=false",
        "sitrep.mail.from=Sitrep <status@example.com>",
        "sitrep.public-url=https://status.example.com/",
        "sitrep.delivery.poll-interval=1s",
        "sitrep.status.title=Example status",
        "sitrep.status.components[0].name=ConnectMe",
        "sitrep.status.components[0].service=connectme",
        "sitrep.status.components[1].name=Payments",
        "sitrep.status.components[1].service=payments",
        "sitrep.status.mail-rate=200",
        "sitrep.status.subscribe-limit-per-client=8",
        "spring.mail.host=127.0.0.1"})
class SubscribersTest {

    static final String TOKEN = "subscribers-token";
    private static final int DATABASE = 16;
    private static final int SMTP_PORT = freePort();
    private static final Pattern LINK = Pattern.compile("https://status\\.example\\.com(/status/subscriptions/[a-z]+\\?token=[A-Za-z0-9_.-]+)");
    private static GreenMail smtp = startSmtp();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        SubscriberAppProperties.register(registry, DATABASE, SMTP_PORT);
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void emptyStoreAndMailbox() throws Exception {
        try (RedisConnection redis = RedisConnection.open(TestRedis.server().url() + "/" + DATABASE)) {
            redis.jedis().flushDB();
        }
        smtp.purgeEmailFromAllMailboxes();
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    @Test
    void theStatusPageOffersTheForm() throws Exception {
        String page = get("/status").body();
        assertThat(page).contains("<form method=\"post\" action=\"/status/subscribe\">")
                .contains("name=\"component\" value=\"ConnectMe\"");
    }

    @Test
    void subscribingMailsAConfirmationWhoseLinkShowsAButtonThatConfirms() throws Exception {
        HttpResponse<String> answer = subscribe("ann@example.com", "ConnectMe");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("Check your inbox");

        MimeMessage mail = awaitMails(1)[0];
        assertThat(mail.getSubject()).isEqualTo("Confirm your subscription to Example status");
        String unsubscribe = mail.getHeader("List-Unsubscribe", null);
        assertThat(unsubscribe).matches("<https://status\\.example\\.com/status/subscriptions/unsubscribe\\?token=.+>");
        assertThat(mail.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        String confirm = link(GreenMailUtil.getBody(mail), "confirm");

        HttpResponse<String> shown = get(confirm);
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).contains("<form method=\"post\" action=\"/status/subscriptions/confirm\">");
        assertThat(subscribers().path(0).path("confirmed").asBoolean()).as("opening the link changes nothing").isFalse();

        HttpResponse<String> confirmed = post("/status/subscriptions/confirm", "token=" + token(confirm));
        assertThat(confirmed.statusCode()).isEqualTo(200);
        JsonNode subscriber = subscribers().path(0);
        assertThat(subscriber.path("confirmed").asBoolean()).isTrue();
        assertThat(subscriber.path("address").asText()).isEqualTo("ann@example.com");
        assertThat(subscriber.path("components").toString()).isEqualTo("[\"ConnectMe\"]");
    }

    @Test
    void theAnswerIsTheSameForANewAndAKnownAddress() throws Exception {
        String first = subscribe("bob@example.com").body();
        confirm(awaitMails(1)[0]);
        String again = subscribe("bob@example.com").body();
        assertThat(again).isEqualTo(first);
        MimeMessage second = awaitMails(2)[1];
        assertThat(second.getSubject()).isEqualTo("Your subscription to Example status");
        assertThat(subscribers().size()).isEqualTo(1);
    }

    @Test
    void aMalformedAddressIsAPageSayingWhatIsWrongAndNothingIsStored() throws Exception {
        HttpResponse<String> answer = subscribe("not-an-address");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(answer.body()).contains("is not a mail address");
        HttpResponse<String> script = subscribe("<script>@x.com");
        assertThat(script.statusCode()).isEqualTo(400);
        assertThat(script.body()).doesNotContain("<script>");
        assertThat(subscribers().size()).isZero();
    }

    @Test
    void theLimitsAnswerTheSameForAnAddressAndNoForAClient() throws Exception {
        String first = subscribe("cat@example.com").body();
        for (int i = 0; i < 4; i++) {
            assertThat(subscribe("cat@example.com").body()).isEqualTo(first);
        }
        assertThat(awaitMails(3)).hasSize(3);
        Thread.sleep(500);
        assertThat(smtp.getReceivedMessages()).as("three an hour to one address").hasSize(3);
        for (int i = 0; i < 3; i++) {
            subscribe("other" + i + "@example.com");
        }
        HttpResponse<String> over = subscribe("dan@example.com");
        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(over.body()).contains("Too many");
    }

    @Test
    void aPostReachesEachConfirmedSubscriberOfItsComponentsOnceAndOneClickUnsubscribes() throws Exception {
        subscribe("eve@example.com", "ConnectMe");
        subscribe("fay@example.com");
        subscribe("gus@example.com", "Payments");
        subscribe("hal@example.com", "ConnectMe");
        MimeMessage[] confirmations = awaitMails(4);
        for (MimeMessage mail : confirmations) {
            if (!mail.getAllRecipients()[0].toString().equals("hal@example.com")) {
                confirm(mail);
            }
        }
        smtp.purgeEmailFromAllMailboxes();

        command("/incident declare \"ConnectMe <b>login</b> failures\" --sev 2 --service connectme");
        command("/incident update INC-1 \"We see <i>failed</i> logins\"");

        MimeMessage[] posts = awaitMails(2);
        Thread.sleep(1500);
        posts = smtp.getReceivedMessages();
        assertThat(Arrays.stream(posts).map(SubscribersTest::recipient).sorted().toList())
                .containsExactly("eve@example.com", "fay@example.com");
        MimeMessage post = posts[0];
        assertThat(post.getSubject()).endsWith("— INC-1 ConnectMe <b>login</b> failures");
        assertThat(post.getMessageID()).matches("<[0-9a-f-]{36}\\.\\d+\\.[0-9a-f-]{36}\\.status@example\\.com>");
        String body = GreenMailUtil.getBody(post).replace("=\r\n", "").replace("=3D", "=");
        assertThat(body).contains("We see <i>failed</i> logins").contains("We see &lt;i&gt;failed&lt;/i&gt; logins")
                .contains("https://status.example.com/status/incidents/INC-1").contains("Posted ")
                .doesNotContain("alice");

        String unsubscribe = post.getHeader("List-Unsubscribe", null).replaceAll("^<https://status\\.example\\.com|>$", "");
        String id = idOf(recipient(post));
        assertThat(get(unsubscribe).body()).contains("<form method=\"post\"");
        assertThat(redisKeyExists("sitrep:{subscribers}:sub:" + id)).isTrue();
        HttpResponse<String> gone = post(unsubscribe, "List-Unsubscribe=One-Click");
        assertThat(gone.statusCode()).isEqualTo(200);
        assertThat(redisKeyExists("sitrep:{subscribers}:sub:" + id)).isFalse();
        assertThat(subscribers().toString()).doesNotContain(recipient(post));
        assertThat(get("/status").body() + get("/status.json").body() + get("/status/feed.atom").body())
                .doesNotContain("@example.com");
    }

    // ---- fixtures ------------------------------------------------------------------------------

    private void confirm(MimeMessage mail) throws Exception {
        String link = link(GreenMailUtil.getBody(mail), "confirm");
        assertThat(post("/status/subscriptions/confirm", "token=" + token(link)).statusCode()).isEqualTo(200);
    }

    private String idOf(String address) throws Exception {
        for (JsonNode each : subscribers()) {
            if (each.path("address").asText().equals(address)) {
                return each.path("id").asText();
            }
        }
        throw new AssertionError("no subscriber " + address);
    }

    private static String recipient(MimeMessage mail) {
        try {
            return mail.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean redisKeyExists(String key) {
        try (RedisConnection redis = RedisConnection.open(TestRedis.server().url() + "/" + DATABASE)) {
            return redis.jedis().exists(key);
        }
    }

    private static String link(String body, String kind) {
        Matcher matcher = LINK.matcher(body.replace("=\r\n", "").replace("=3D", "="));
        while (matcher.find()) {
            if (matcher.group(1).startsWith("/status/subscriptions/" + kind)) {
                return matcher.group(1);
            }
        }
        throw new AssertionError("no " + kind + " link in " + body);
    }

    private static String token(String link) {
        return link.substring(link.indexOf("token=") + "token=".length());
    }

    private MimeMessage[] awaitMails(int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> smtp.getReceivedMessages().length >= count);
        return smtp.getReceivedMessages();
    }

    private JsonNode subscribers() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/status/subscribers"))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json.readTree(answer.body()).path("subscribers");
    }

    private HttpResponse<String> subscribe(String email, String... components) throws Exception {
        StringBuilder form = new StringBuilder("email=" + URLEncoder.encode(email, StandardCharsets.UTF_8));
        for (String component : components) {
            form.append("&component=").append(URLEncoder.encode(component, StandardCharsets.UTF_8));
        }
        return post("/status/subscribe", form.toString());
    }

    private HttpResponse<String> post(String path, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void command(String text) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/commands"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("text", text,
                        "user", "alice")))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static GreenMail startSmtp() {
        return io.sitrep.bot.TestSmtp.start(SMTP_PORT);
    }

    private static int freePort() {
        return io.sitrep.bot.TestSmtp.freePort();
    }
}
