package io.sitrep.bot.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sitrep.integrations.redis.TestRedis;

/**
 * Hostile and broken HTTP, table-driven: every answer under /api, /hooks, /slack and the probes
 * is a proper answer or a JSON error with the right status — no 5xx, no HTML, no class names —
 * and a refused request changes nothing.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "sitrep.api.token=" + HostileHttpTest.TOKEN,
        "sitrep.console.enabled=false"})
class HostileHttpTest {

    static final String TOKEN = "hostile-token";
    private static final String LIST = "{\"text\":\"/incident list\",\"user\":\"alice\"}";

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("sitrep.redis.url", () -> TestRedis.server().url());
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void empty() {
        TestRedis.flushed();
    }

    record Case(String name, String method, String path, String contentType, String accept, String body, int status) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        String big = "{\"text\":\"/incident declare " + "x".repeat(1024 * 1024) + "\",\"user\":\"alice\"}";
        String longCommand = "{\"text\":\"/incident declare " + "x".repeat(4_001) + "\",\"user\":\"alice\"}";
        return Stream.of(
                new Case("wildcard content type", "POST", "/api/commands", "*/*", null, LIST, 415),
                new Case("wildcard subtype", "POST", "/api/commands", "application/*", null, LIST, 415),
                new Case("text content type", "POST", "/api/commands", "text/plain", null, LIST, 415),
                new Case("form content type", "POST", "/api/commands", "application/x-www-form-urlencoded", null, "a=b", 415),
                new Case("not JSON", "POST", "/api/commands", "application/json", null, "{not json", 400),
                new Case("JSON array", "POST", "/api/commands", "application/json", null, "[1,2]", 400),
                new Case("empty body", "POST", "/api/commands", "application/json", null, "", 400),
                new Case("body over 1 MiB", "POST", "/api/commands", "application/json", null, big, 413),
                new Case("command over 4,000 characters", "POST", "/api/commands", "application/json", null, longCommand, 413),
                new Case("HTML accept on the API", "GET", "/api/incidents", null, "text/html", null, 406),
                new Case("image accept on the API", "GET", "/api/incidents", null, "image/png", null, 406),
                new Case("HTML accept on a probe", "GET", "/livez", null, "text/html", null, 406),
                new Case("actuator off the main port", "GET", "/actuator/health", null, null, null, 404),
                new Case("GET /error", "GET", "/error", null, null, null, 404),
                new Case("wrong method", "DELETE", "/api/commands", null, null, null, 405),
                new Case("unknown API path", "GET", "/api/nothing-here", null, null, null, 404),
                new Case("bad incident id", "GET", "/api/incidents/INC-x", null, null, null, 400),
                new Case("unknown incident", "GET", "/api/incidents/INC-404", null, null, null, 404),
                new Case("wildcard on the hook", "POST", "/hooks/alertmanager", "*/*", null, "{}", 415),
                new Case("hook not v4", "POST", "/hooks/alertmanager", "application/json", null, "{\"x\":1}", 400),
                new Case("Slack unsigned", "POST", "/slack/events", "application/x-www-form-urlencoded", null, "a=b", 404),
                new Case("a proper list", "POST", "/api/commands", "application/json", null, LIST, 200));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersWithTheRightStatusAndJson(Case c) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + c.path()))
                .header("Authorization", "Bearer " + TOKEN)
                .method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(c.body()));
        if (c.contentType() != null) {
            request.header("Content-Type", c.contentType());
        }
        if (c.accept() != null) {
            request.header("Accept", c.accept());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(c.status());
        assertJson(response.headers().firstValue("Content-Type").orElse(""), response.body(), c.status());
        assertThat(elements()).as("a refused request changes nothing").isEmpty();
    }

    @Test
    void aUrlTomcatRefusesItselfIsAJsonError() throws Exception {
        String raw = sentAsTyped("GET /api/incidents/%zz HTTP/1.1");
        String[] parts = raw.split("\r\n\r\n", 2);
        assertThat(parts[0]).startsWith("HTTP/1.1 400").containsIgnoringCase("content-type: application/json");
        String body = parts.length > 1 ? parts[1] : "";
        // A chunked answer carries its size on the line before.
        String jsonPart = body.substring(body.indexOf('{'), body.lastIndexOf('}') + 1);
        assertThat(json.readTree(jsonPart).path("ok").asBoolean(true)).isFalse();
    }

    @Test
    void anHttpVersionTomcatDoesNotSpeakIsTheClientsErrorNotSitreps() throws Exception {
        assertThat(sentAsTyped("GET /api/incidents HTTP/2.5")).startsWith("HTTP/1.1 505").contains("send HTTP/1.1")
                .doesNotContain("went wrong inside Sitrep");
    }

    /** The raw answer to a request line no HTTP client would send, written to the socket as is. */
    private String sentAsTyped(String requestLine) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void assertJson(String contentType, String body, int status) throws Exception {
        assertThat(contentType).startsWith("application/json");
        assertThat(body).doesNotContain("<html", "Exception", "java.");
        JsonNode node = json.readTree(body);
        if (status >= 400) {
            assertThat(node.path("ok").asBoolean(true)).isFalse();
            assertThat(node.path("error").asText()).isNotBlank();
        }
    }

    private List<JsonNode> elements() throws Exception {
        HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/incidents")).header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        List<JsonNode> all = new java.util.ArrayList<>();
        json.readTree(list.body()).forEach(all::add);
        return all;
    }
}
