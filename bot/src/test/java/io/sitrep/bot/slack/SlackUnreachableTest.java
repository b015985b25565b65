package io.sitrep.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.sitrep.bot.SitrepApplication;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.redis.TestRedis;

/**
 * Slack's Web API gone (nothing listening) or hanging (accepts, never answers): requests to
 * {@code /slack/events} are still checked first — forged, stale and future-dated ones get 401 at
 * once — and a signed declare is acknowledged within Slack's 3 seconds and stored.
 */
@Timeout(120)
class SlackUnreachableTest {

    private static final String SECRET = "unreachable-secret";
    /** Its own database: this context's watchers must not touch the shared Slack tests' data. */
    private static final int DATABASE = 4;

    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ServerSocket hanging;
    private ConfigurableApplicationContext app;

    @AfterEach
    void stop() throws IOException {
        if (app != null) {
            app.close();
        }
        if (hanging != null) {
            hanging.close();
        }
        for (Socket socket : held) {
            socket.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gone", "hanging"})
    void requestsAreCheckedFirstAndASignedDeclareIsAckedAndStored(String slackIs) throws Exception {
        TestRedis.flushed();
        String apiUrl = "gone".equals(slackIs) ? "http://127.0.0.1:" + closedPort() + "/api/" : hangingApi();
        app = new SpringApplicationBuilder(SitrepApplication.class).run("--server.port=0",
                "--sitrep.console.enabled=false", "--sitrep.api.token=unreachable",
                "--sitrep.data-dir=" + TestRedis.tempDir("slack-unreachable"),
                "--sitrep.redis.url=" + TestRedis.server().url() + "/" + DATABASE,
                "--sitrep.slack.bot-token=xoxb-unreachable", "--sitrep.slack.signing-secret=" + SECRET,
                "--sitrep.slack.api-url=" + apiUrl, "--logging.level.root=WARN");
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        Instant now = Instant.now();

        assertRefusedAtOnce(send(port, declare("forged"), now, "not-the-secret"), "the signature does not match");
        assertRefusedAtOnce(send(port, declare("stale"), now.minus(Duration.ofMinutes(10)), SECRET),
                "the request is more than 5 minutes old (a replay?)");
        assertRefusedAtOnce(send(port, declare("from the future"), now.plus(Duration.ofMinutes(10)), SECRET),
                "the request is dated more than 5 minutes in the future");

        Timed signed = send(port, declare("Checkout errors"), now, SECRET);
        assertThat(signed.response().statusCode()).isEqualTo(200);
        assertThat(signed.took()).as("acknowledged within Slack's 3 s").isLessThan(Duration.ofSeconds(3));
        IncidentStore store = app.getBean(IncidentStore.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> store.find(new IncidentId(1)).isPresent());
        assertThat(store.find(new IncidentId(1)).orElseThrow().title()).isEqualTo("Checkout errors");
    }

    private static void assertRefusedAtOnce(Timed timed, String why) {
        assertThat(timed.response().statusCode()).isEqualTo(401);
        assertThat(timed.response().body()).isEqualTo("{\"ok\":false,\"error\":\"" + why + "\"}");
        assertThat(timed.took()).isLessThan(Duration.ofSeconds(1));
    }

    private record Timed(HttpResponse<String> response, Duration took) {
    }

    private Timed send(int port, String body, Instant at, String secret) throws Exception {
        String timestamp = Long.toString(at.getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slack/events"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", SlackRequests.sign(secret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Timed(response, Duration.ofNanos(System.nanoTime() - start));
    }

    private String declare(String title) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("team_id", "T0TEAM");
        fields.put("channel_id", "C0OPS");
        fields.put("user_id", "U0ALICE");
        fields.put("user_name", "alice");
        fields.put("command", "/incident");
        fields.put("text", "declare \"" + title + "\"");
        fields.put("response_url", "http://127.0.0.1:" + closedPort() + "/respond");
        fields.put("trigger_id", "trigger-" + System.nanoTime());
        return SlackRequests.form(fields);
    }

    /** A Web API that accepts every connection and never answers. */
    private String hangingApi() throws IOException {
        hanging = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!hanging.isClosed()) {
                try {
                    held.add(hanging.accept());
                } catch (IOException closed) {
                    return;
                }
            }
        }, "hanging-slack");
        acceptor.setDaemon(true);
        acceptor.start();
        return "http://127.0.0.1:" + hanging.getLocalPort() + "/api/";
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
