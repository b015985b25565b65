package io.sitrep.bot.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sitrep.integrations.redis.TestRedis;

/**
 * The documented settings: an empty {@code sitrep.api.token} binds the API, and the probes and
 * metrics on their own port, to loopback only, so an unauthenticated API is never reachable from
 * another machine; with a token, nothing is forced.
 */
class LoopbackBindingTest {

    private static final String STARTUP_DEFAULTS = "sitrep-startup-defaults";

    @Nested
    @SpringBootTest(webEnvironment = RANDOM_PORT, properties = "sitrep.console.enabled=false")
    class WithoutAToken {

        @DynamicPropertySource
        static void redis(DynamicPropertyRegistry registry) {
            registry.add("sitrep.redis.url", () -> TestRedis.server().url());
        }

        @Autowired
        ConfigurableEnvironment environment;

        @Autowired
        ServerProperties server;

        @Autowired
        ServletWebServerApplicationContext context;

        @LocalServerPort
        int port;

        @LocalManagementPort
        int managementPort;

        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final ObjectMapper json = new ObjectMapper();

        @BeforeEach
        void startFromAnEmptyStore() {
            TestRedis.flushed();
        }

        @Test
        void defaultsServerAddressToLoopback() {
            assertThat(environment.getProperty("sitrep.api.token", "")).isBlank();
            assertThat(environment.getProperty("server.address")).isEqualTo("127.0.0.1");
            PropertySource<?> defaults = environment.getPropertySources().get(STARTUP_DEFAULTS);
            assertThat(defaults).isNotNull();
            assertThat(defaults.getProperty("server.address")).isEqualTo("127.0.0.1");
            assertThat(server.getAddress()).isNotNull();
            assertThat(server.getAddress().isLoopbackAddress()).isTrue();
            assertThat(environment.getProperty("management.server.address")).as("the probes and metrics too")
                    .isEqualTo("127.0.0.1");
        }

        @Test
        void runningServerListensOnLoopbackOnly() {
            Connector connector = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();

            Object address = connector.getProperty("address");

            assertThat(address).isInstanceOf(InetAddress.class);
            assertThat(((InetAddress) address).isLoopbackAddress()).isTrue();
            assertThat(((InetAddress) address).getHostAddress()).isEqualTo("127.0.0.1");
        }

        @Test
        void refusesConnectionsOnOtherInterfaces() throws SocketException {
            Optional<InetAddress> other = nonLoopbackIpv4Address();
            assumeThat(other).as("this machine has a non-loopback IPv4 address").isPresent();

            for (int listening : new int[] {port, managementPort}) {
                assertThatThrownBy(() -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(other.get(), listening), 2000);
                    }
                }).isInstanceOf(ConnectException.class);
            }
        }

        @Test
        void apiAnswersLoopbackCallersWithoutAToken() throws Exception {
            HttpResponse<String> declared = http.send(HttpRequest.newBuilder(uri("/api/commands"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"text\": \"/incident declare \\\"Local only\\\"\", \"user\": \"alice\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> listed = http.send(HttpRequest.newBuilder(uri("/api/incidents")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(declared.statusCode()).isEqualTo(200);
            assertThat(json.readTree(declared.body()).get("incident").asText()).isEqualTo("INC-1");
            assertThat(listed.statusCode()).isEqualTo(200);
            JsonNode incidents = json.readTree(listed.body());
            assertThat(incidents.isArray()).isTrue();
            assertThat(incidents.size()).isEqualTo(1);
            assertThat(incidents.get(0).get("title").asText()).isEqualTo("Local only");
        }

        private URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }
    }

    @Nested
    @SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
            "sitrep.api.token=loopback-test-token",
            "sitrep.console.enabled=false"})
    class WithAToken {

        @DynamicPropertySource
        static void redis(DynamicPropertyRegistry registry) {
            registry.add("sitrep.redis.url", () -> TestRedis.server().url());
        }

        @Autowired
        ConfigurableEnvironment environment;

        @Autowired
        ServerProperties server;

        @Autowired
        ServletWebServerApplicationContext context;

        @Test
        void doesNotForceAServerAddress() {
            assertThat(environment.getProperty("sitrep.api.token")).isEqualTo("loopback-test-token");
            assertThat(environment.containsProperty("server.address")).isFalse();
            assertThat(environment.containsProperty("management.server.address")).isFalse();
            PropertySource<?> defaults = environment.getPropertySources().get(STARTUP_DEFAULTS);
            if (defaults != null) {
                assertThat(defaults.containsProperty("server.address")).isFalse();
            }
            assertThat(server.getAddress()).isNull();
        }

        @Test
        void runningServerListensOnEveryInterface() {
            Connector connector = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();

            assertThat(connector.getProperty("address")).isNull();
        }
    }

    private static Optional<InetAddress> nonLoopbackIpv4Address() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .filter(LoopbackBindingTest::isUp)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address)
                .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
                .findFirst();
    }

    private static boolean isUp(NetworkInterface networkInterface) {
        try {
            return networkInterface.isUp() && !networkInterface.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }
}
