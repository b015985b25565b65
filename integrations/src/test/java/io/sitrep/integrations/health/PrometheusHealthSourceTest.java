package io.sitrep.integrations.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** PromQL verdicts from a local stand-in for Prometheus' query API. */
class PrometheusHealthSourceTest {

    private HttpServer prometheus;

    private final ProbeServers servers = new ProbeServers();

    @AfterEach
    void stop() throws Exception {
        if (prometheus != null) {
            prometheus.stop(0);
        }
        servers.close();
    }

    @Test
    void aFrozenPrometheusIsNotAnsweringInWordsAndItsTargetsAreUnknown() throws Exception {
        String frozen = servers.hanging().replace("/health", "/");
        PrometheusHealthSource source = new PrometheusHealthSource(URI.create(frozen), List.of(query("login"),
                query("search")), Duration.ofSeconds(1));

        SourceReport report = source.poll().get(10, TimeUnit.SECONDS);

        assertThat(report.answered()).isFalse();
        assertThat(report.trouble()).isEqualTo("2 of 2 queries to " + frozen
                + " failed (connected, but no answer within 1.0 s)");
        assertThat(report.observations()).hasSize(2).allSatisfy(o -> {
            assertThat(o.state()).isEqualTo(HealthState.UNKNOWN);
            assertThat(o.reason()).isEqualTo("Prometheus at " + frozen
                    + " did not answer: connected, but no answer within 1.0 s");
        });
    }

    @Test
    void aPrometheusAnswering500IsInTroubleAndNothingReadsLikeJava() throws Exception {
        String failing = servers.answering(500, 0).replace("/health", "/");
        PrometheusHealthSource source = new PrometheusHealthSource(URI.create(failing), List.of(query("login")),
                Duration.ofSeconds(1));

        SourceReport report = source.poll().get(10, TimeUnit.SECONDS);

        assertThat(report.trouble()).isEqualTo("1 of 1 queries to " + failing + " failed (HTTP 500)");
        assertThat(report.observations()).singleElement().satisfies(o -> {
            assertThat(o.state()).isEqualTo(HealthState.UNKNOWN);
            assertThat(o.reason()).doesNotContain("java.", "Exception");
        });
    }

    @Test
    void aRefusedConnectionIsSaidSo() throws Exception {
        String refusing = servers.refusing().replace("/health", "/");
        PrometheusHealthSource source = new PrometheusHealthSource(URI.create(refusing), List.of(query("login")),
                Duration.ofSeconds(1));

        assertThat(source.poll().get(10, TimeUnit.SECONDS).trouble()).isEqualTo("1 of 1 queries to " + refusing
                + " failed (connection refused)");
    }

    @Test
    void judgesEachExpressionByItsSeries() throws Exception {
        prometheus = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        prometheus.createContext("/prometheus/api/v1/query", exchange -> {
            String query = java.net.URLDecoder.decode(exchange.getRequestURI().getRawQuery().substring("query=".length()),
                    StandardCharsets.UTF_8);
            String result = switch (query) {
                case "up{job=\"login\"}" -> "[{\"metric\":{\"instance\":\"a\"},\"value\":[1772093940,\"1\"]},"
                        + "{\"metric\":{\"instance\":\"b\"},\"value\":[1772093940,\"1\"]}]";
                case "up{job=\"search\"}" -> "[{\"metric\":{\"instance\":\"a\"},\"value\":[1772093940,\"1\"]},"
                        + "{\"metric\":{\"instance\":\"b\"},\"value\":[1772093940,\"0\"]}]";
                case "up{job=\"billing\"}" -> "[{\"metric\":{},\"value\":[1772093940,\"0\"]}]";
                case "up{job=\"queue\"}" -> "[{\"metric\":{},\"value\":[1772093940,\"+Inf\"]}]";
                default -> "[]";
            };
            byte[] body = ("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":" + result + "}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        prometheus.start();
        PrometheusHealthSource source = new PrometheusHealthSource(
                URI.create("http://127.0.0.1:" + prometheus.getAddress().getPort() + "/prometheus"), List.of(
                        query("login"), query("search"), query("billing"), query("gone"), query("queue")),
                Duration.ofSeconds(2));

        Map<String, String> seen = source.poll().get(10, TimeUnit.SECONDS).observations().stream()
                .collect(Collectors.toMap(o -> o.target().name(), o -> o.state() + " " + o.reason()));

        assertThat(seen).containsEntry("login", "HEALTHY up{job=\"login\"} holds")
                .containsEntry("search", "DEGRADED 1 of 2 series fail up{job=\"search\"}")
                .containsEntry("billing", "DOWN 1 of 1 series fail up{job=\"billing\"}")
                .containsEntry("gone", "DOWN no series for up{job=\"gone\"}")
                .containsEntry("queue", "HEALTHY up{job=\"queue\"} holds");
    }

    private static PrometheusHealthSource.Query query(String job) {
        return new PrometheusHealthSource.Query(new Target(job, job, null), "up{job=\"" + job + "\"}");
    }
}
