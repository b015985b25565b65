package io.sitrep.bot.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.sun.net.httpserver.HttpServer;

import io.sitrep.bot.command.MutableClock;
import io.sitrep.config.HealthSettings;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.integrations.health.HealthState;
import io.sitrep.integrations.health.PrometheusHealthSource;
import io.sitrep.integrations.health.Target;

/**
 * The watch over a local stand-in for Prometheus' query API that can freeze (accept, never
 * answer) or fail with 500: the source is reported as not answering, in words, its targets go
 * UNKNOWN once, and the recovery is recorded once.
 */
@Timeout(60)
class PrometheusWatchTest {

    enum Trouble { FROZEN, FAILING }

    private volatile Trouble trouble;
    private final CountDownLatch thaw = new CountDownLatch(1);
    private final HttpServer prometheus = prometheus();
    private final PrometheusHealthSource source = new PrometheusHealthSource(
            URI.create("http://127.0.0.1:" + prometheus.getAddress().getPort() + "/"),
            List.of(new PrometheusHealthSource.Query(new Target("login-up", "connectme", null), "up{job=\"login\"}")),
            Duration.ofMillis(300));
    private final HealthRig rig = new HealthRig(List.of(source), new HealthSettings(Duration.ofSeconds(5),
            Duration.ofMillis(300), 2, Duration.ofMinutes(2), true, List.of(), null, null), MutableClock.incidentMorning());

    @AfterEach
    void stop() {
        thaw.countDown();
        rig.close();
        prometheus.stop(0);
    }

    @ParameterizedTest
    @EnumSource(Trouble.class)
    void aPrometheusInTroubleIsNotAnsweringItsTargetsUnknownOnceAndTheRecoveryRecordedOnce(Trouble kind) {
        rig.run("declare \"ConnectMe logins failing\" --service connectme");
        rig.watch.pollOnce();
        assertThat(rig.health.sourceReachability().get("prometheus")).startsWith("answered at ");

        trouble = kind;
        rig.passPolling(Duration.ofSeconds(15));

        String why = kind == Trouble.FROZEN ? "connected, but no answer within 0.3 s" : "HTTP 500";
        assertThat(rig.health.sourceReachability().get("prometheus")).startsWith(
                "not answering since 2026-02-26T09:00:05Z: 1 of 1 queries to http://127.0.0.1:" + prometheus.getAddress().getPort() + "/ failed (" + why + ")");
        assertThat(rig.health.statuses()).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo(HealthState.UNKNOWN);
            assertThat(s.reason()).doesNotContain("java.", "Exception").contains(why);
        });

        trouble = null;
        rig.passPolling(Duration.ofSeconds(15));

        assertThat(rig.health.sourceReachability().get("prometheus")).startsWith("answered at ");
        assertThat(rig.entries(1, TimelineKind.HEALTH_CHANGED)).extracting(TimelineEntry::text).containsExactly(
                "login-up: HEALTHY → UNKNOWN (Prometheus at " + "http://127.0.0.1:" + prometheus.getAddress().getPort()
                        + "/ did not answer: " + why + ")",
                "login-up: UNKNOWN → HEALTHY (up{job=\"login\"} holds)");
    }

    /** Answers one healthy series, or freezes, or fails, as the test says. */
    private HttpServer prometheus() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/api/v1/query", exchange -> {
                Trouble now = trouble;
                if (now == Trouble.FROZEN) {
                    try {
                        thaw.await(); // accepted, never answered
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                byte[] body = (now == Trouble.FAILING ? "{\"status\":\"error\"}"
                        : "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":"
                        + "[{\"metric\":{},\"value\":[1772093940,\"1\"]}]}}").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(now == Trouble.FAILING ? 500 : 200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
