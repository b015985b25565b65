package io.sitrep.bot.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

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
import com.icegreen.greenmail.util.GreenMail;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.paging.Page;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.redis.RedisConnection;
import io.sitrep.integrations.redis.TestRedis;

/**
 * Paging by email end to end: a running Sitrep with an on-call directory, a real SMTP server in
 * this JVM (GreenMail) that the mail is read back from, and the acknowledge link opened and
 * posted over HTTP as a browser would.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "sitrep.api.token=" + MailPagingTest.TOKEN,
        "sitrep.console.enabled=false",
        "sitrep.mail.from=Sitrep <sitrep@example.com>",
        "sitrep.public-url=https://sitrep.example.com/",
        "sitrep.delivery.max-backoff=1s",
        "sitrep.delivery.poll-interval=1s",
        "spring.mail.host=127.0.0.1",
        "spring.mail.properties.mail.smtp.connectiontimeout=2000",
        "spring.mail.properties.mail.smtp.timeout=5000"})
class MailPagingTest {

    static final String TOKEN = "mail-token";
    /** A database of its own: this context's workers and clock must not take other contexts' work. */
    private static final int DATABASE = 12;
    private static final int SMTP_PORT = freePort();
    private static final Pattern LINK = Pattern.compile("https://sitrep\\.example\\.com(/pages/ack\\?token=[A-Za-z0-9_.-]+)");
    private static final Pattern MESSAGE_ID = Pattern.compile("<[0-9a-f-]{36}\\.\\d+\\.page@example\\.com>");
    private static GreenMail smtp = startSmtp();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("sitrep.redis.url", () -> TestRedis.server().url() + "/" + DATABASE);
        registry.add("sitrep.oncall.dir", MailPagingTest::onCallFiles);
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    /** bea is reached by email only; the connectme policy pages her first. */
    private static String onCallFiles() {
        try {
            Path dir = Files.createTempDirectory("mail-paging");
            Files.createDirectories(dir.resolve("policies"));
            Files.writeString(dir.resolve("people.yml"), """
                    people:
                      bea: { email: bea@example.com }
                    """);
            Files.writeString(dir.resolve("policies/connectme.yml"), """
                    id: connectme
                    services: [connectme]
                    levels:
                      - notify: [person:bea]
                        escalate-after: PT30M
                    """);
            return dir.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    IncidentStore store;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void emptyStoreAndMailbox() throws Exception {
        try (RedisConnection redis = RedisConnection.open(TestRedis.server().url() + "/" + DATABASE)) {
            redis.jedis().flushDB();
        }
        if (!smtp.isRunning()) {
            smtp = startSmtp();
        }
        smtp.purgeEmailFromAllMailboxes();
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    @Test
    void thePageMailIsSentAndItsLinkShowsThenAcknowledges() throws Exception {
        IncidentId id = declare("ConnectMe <b>login</b> failures");

        MimeMessage mail = awaitOneMail();
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("sitrep@example.com");
        assertThat(mail.getAllRecipients()).extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly("bea@example.com");
        assertThat(mail.getSubject()).isEqualTo("[Sitrep] Paged: " + id + " SEV1 ConnectMe <b>login</b> failures");
        assertThat(mail.getMessageID()).matches(MESSAGE_ID);
        String text = part(mail, "text/plain");
        String html = part(mail, "text/html");
        assertThat(text).contains("You are paged for " + id).contains("ConnectMe <b>login</b> failures");
        assertThat(html).contains("ConnectMe &lt;b&gt;login&lt;/b&gt; failures").doesNotContain("<b>login");
        String link = link(text);
        assertThat(html).contains("href=\"https://sitrep.example.com" + link.replace("&", "&amp;") + "\"");
        await().atMost(Duration.ofSeconds(10)).until(() -> kinds(id).contains("NOTIFIED"));
        assertThat(entry(id, "NOTIFIED").path("data").path("method").asText()).isEqualTo("email");

        HttpResponse<String> shown = get(link);
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(shown.body()).contains(id.toString()).contains("SEV1").contains("&lt;b&gt;login")
                .doesNotContain("<b>login").contains("bea").contains("<form method=\"post\"")
                .doesNotContain("<script");
        assertThat(kinds(id)).as("opening the link changes nothing").doesNotContain("ACKNOWLEDGED");
        assertThat(page(id).live()).isTrue();

        HttpResponse<String> acknowledged = post(token(link));
        assertThat(acknowledged.statusCode()).isEqualTo(200);
        assertThat(acknowledged.body()).contains("bea acknowledged " + id + " (email)");
        JsonNode ack = entry(id, "ACKNOWLEDGED");
        assertThat(ack.path("data").path("how").asText()).isEqualTo("email");
        assertThat(ack.path("data").path("by").asText()).isEqualTo("bea");
        assertThat(ack.path("source").asText()).isEqualTo("email");
        assertThat(page(id).acknowledged()).isNotNull();
        assertThat(page(id).acknowledged().by()).isEqualTo("bea");

        HttpResponse<String> again = post(token(link));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains(id + " is acknowledged already: bea");
        assertThat(kinds(id).stream().filter("ACKNOWLEDGED"::equals)).hasSize(1);
        assertThat(smtp.getReceivedMessages()).as("bea is not told of her own acknowledgement").hasSize(1);
    }

    @Test
    void aForgedOrMissingTokenIsNotFoundAndTheApiStaysBehindItsToken() throws Exception {
        IncidentId id = declare("Checkout errors");
        String token = token(link(part(awaitOneMail(), "text/plain")));
        String forged = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");

        for (HttpResponse<String> refused : List.of(get("/pages/ack?token=" + forged), get("/pages/ack"),
                get("/pages/ack?token=nonsense"), post(forged), post(""))) {
            assertThat(refused.statusCode()).isEqualTo(404);
            assertThat(refused.body()).contains("There is nothing at this address.").doesNotContain(id.toString())
                    .doesNotContain("Checkout");
        }
        assertThat(kinds(id)).doesNotContain("ACKNOWLEDGED");
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base() + "/api/incidents")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }

    @Test
    void aServerThatIsDownPostponesTheMailUntilItIsBackAndSendsItOnce() throws Exception {
        smtp.stop();
        IncidentId id = declare("Search is slow");
        await().atMost(Duration.ofSeconds(20)).until(() -> emailLaneTried(id));
        assertThat(kinds(id)).doesNotContain("NOTIFIED");

        smtp = startSmtp();
        MimeMessage mail = awaitOneMail();
        assertThat(mail.getSubject()).isEqualTo("[Sitrep] Paged: " + id + " SEV1 Search is slow");
        await().atMost(Duration.ofSeconds(10)).until(() -> kinds(id).contains("NOTIFIED"));
        // A few more polls and backoffs: nothing more goes out, checked all the while.
        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5))
                .until(() -> smtp.getReceivedMessages().length == 1);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(kinds(id).stream().filter("NOTIFIED"::equals)).hasSize(1);
    }

    @Test
    void aPageAcknowledgedWhileItsMailWaitsSendsNoPageMail() throws Exception {
        smtp.stop();
        IncidentId id = declare("Payments declined");
        await().atMost(Duration.ofSeconds(20)).until(() -> emailLaneTried(id));
        assertThat(command("/incident ack " + id).statusCode()).isEqualTo(200);

        smtp = startSmtp();
        MimeMessage mail = awaitOneMail();
        assertThat(mail.getSubject()).isEqualTo("[Sitrep] Handled: " + id + " SEV1 Payments declined");
        assertThat(part(mail, "text/plain")).contains(id + " is handled: alice acknowledged it");
        assertThat(part(mail, "text/plain")).doesNotContain("/pages/ack");
        await().atMost(Duration.ofSeconds(10)).until(() -> !emailLaneHolds(id));
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(kinds(id)).doesNotContain("NOTIFIED");
    }

    // ---- fixtures ------------------------------------------------------------------------------

    private IncidentId declare(String title) throws Exception {
        HttpResponse<String> declared = command("/incident declare \"" + title + "\" --sev 1 --service connectme");
        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(200);
        return IncidentId.parse(json.readTree(declared.body()).path("incident").asText());
    }

    private MimeMessage awaitOneMail() {
        await().atMost(Duration.ofSeconds(20)).until(() -> smtp.getReceivedMessages().length >= 1);
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        return received[0];
    }

    private Page page(IncidentId id) {
        Incident incident = store.find(id).orElseThrow();
        return incident.paging().pages().get(0);
    }

    /** Whether the email lane's first delivery has been tried and postponed. */
    private static boolean emailLaneTried(IncidentId id) {
        try (RedisConnection redis = RedisConnection.open(TestRedis.server().url() + "/" + DATABASE)) {
            String progress = redis.jedis().hget("sitrep:{" + id + "}:outbox", "email");
            return progress != null && progress.contains("\"lastError\"") && !progress.contains("\"lastError\":null");
        }
    }

    private static boolean emailLaneHolds(IncidentId id) {
        try (RedisConnection redis = RedisConnection.open(TestRedis.server().url() + "/" + DATABASE)) {
            return redis.jedis().llen("sitrep:{" + id + "}:outbox:email") > 0;
        }
    }

    private List<String> kinds(IncidentId id) throws Exception {
        List<String> kinds = new ArrayList<>();
        timeline(id).forEach(entry -> kinds.add(entry.path("kind").asText()));
        return kinds;
    }

    private JsonNode entry(IncidentId id, String kind) throws Exception {
        for (JsonNode entry : timeline(id)) {
            if (entry.path("kind").asText().equals(kind)) {
                return entry;
            }
        }
        throw new AssertionError("no " + kind + " entry");
    }

    private JsonNode timeline(IncidentId id) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/incidents/" + id
                + "/timeline")).header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        return body.has("entries") ? body.path("entries") : body;
    }

    private HttpResponse<String> command(String text) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + "/api/commands"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(java.util.Map.of("text", text,
                        "user", "alice")))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The form's post, as a browser sends it: no API token, the link's token as the hidden field. */
    private HttpResponse<String> post(String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + "/pages/ack"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    /** The path and query of the acknowledge link in a mail's text. */
    private static String link(String text) {
        Matcher matcher = LINK.matcher(text);
        assertThat(matcher.find()).as("an acknowledge link in:\n" + text).isTrue();
        return matcher.group(1);
    }

    private static String token(String link) {
        return link.substring(link.indexOf("token=") + "token=".length());
    }

    /** The first part of {@code type} in the mail, decoded. */
    private static String part(Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return (String) part.getContent();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                String found = part(body, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static GreenMail startSmtp() {
        return io.sitrep.bot.TestSmtp.start(SMTP_PORT);
    }

    private static int freePort() {
        return io.sitrep.bot.TestSmtp.freePort();
    }
}
