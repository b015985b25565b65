package io.sitrep.integrations.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Probes against real local sockets that hang, refuse, fail, dawdle or answer. */
@Timeout(30)
class HttpProbeSourceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final ProbeServers servers = new ProbeServers();

    @AfterEach
    void stop() throws Exception {
        servers.close();
    }

    @Test
    void tellsEachFailureApartWithinTheTimeoutAndAHangDelaysNoOne() throws Exception {
        HttpProbeSource source = new HttpProbeSource(List.of(
                probe("hung", servers.hanging()),
                probe("refusing", servers.refusing()),
                probe("failing", servers.answering(500, 0)),
                probe("slow", servers.answering(200, 1300)),
                probe("not-found", servers.answering(404, 0)),
                probe("well", servers.answering(204, 0)),
                probe("no-dns", "http://sitrep-no-such-host.invalid/health")), TIMEOUT);

        long start = System.nanoTime();
        List<Observation> all = source.poll().get(10, TimeUnit.SECONDS).observations();
        Map<String, Observation> seen = all.stream()
                .collect(Collectors.toMap(o -> o.target().name(), Function.identity(), (earlier, later) -> later));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).as("all in parallel: the hang costs one timeout, not a queue").isLessThan(TIMEOUT.plusSeconds(2));
        assertState(seen, "hung", HealthState.DOWN, "connected, but no answer within 2.0 s");
        assertThat(all).filteredOn(o -> o.target().name().equals("hung")).as("the hedge confirms the hang")
                .extracting(Observation::reason).containsExactly("connected, but no answer within 1.0 s (hung?)",
                        "connected, but no answer within 2.0 s (hung?)");
        assertThat(all).filteredOn(o -> o.target().name().equals("slow")).as("a slow answer is one observation")
                .hasSize(1);
        assertState(seen, "refusing", HealthState.DOWN, "connection refused");
        assertState(seen, "failing", HealthState.DOWN, "HTTP 500");
        assertState(seen, "slow", HealthState.DEGRADED, "slow: HTTP 200 took 1.");
        assertState(seen, "not-found", HealthState.DEGRADED, "HTTP 404");
        assertState(seen, "well", HealthState.HEALTHY, "HTTP 204");
        assertThat(seen.get("no-dns").state()).isEqualTo(HealthState.DOWN);
        assertThat(seen.get("no-dns").reason()).satisfiesAnyOf(
                r -> assertThat(r).contains("DNS"), r -> assertThat(r).contains("connection failed"));
        source.close();
    }

    @Test
    void aRecheckAsksOnlyTheTargetsItNames() throws Exception {
        java.util.concurrent.atomic.AtomicInteger wellAsked = new java.util.concurrent.atomic.AtomicInteger();
        com.sun.net.httpserver.HttpServer counting = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        counting.createContext("/", exchange -> {
            wellAsked.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        counting.start();
        Target hung = new Target("hung", "login", null);
        try (HttpProbeSource source = new HttpProbeSource(List.of(
                new HttpProbeSource.Probe(hung, URI.create(servers.hanging())),
                probe("well", "http://127.0.0.1:" + counting.getAddress().getPort() + "/health")), TIMEOUT)) {
            SourceReport again = source.recheck(List.of(hung)).get(10, TimeUnit.SECONDS);

            assertThat(again.answered()).isTrue();
            assertThat(again.observations()).extracting(Observation::target).containsOnly(hung);
            assertThat(wellAsked).as("the healthy target is not asked again").hasValue(0);
        } finally {
            counting.stop(0);
        }
    }

    @Test
    void aLostRequestIsToldApartFromAHangByTheHedge() throws Exception {
        java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        com.sun.net.httpserver.HttpServer onceStuck = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        onceStuck.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        onceStuck.createContext("/", exchange -> {
            if (requests.incrementAndGet() == 1) {
                try {
                    release.await(); // the first request is lost; the next ones are answered
                } catch (InterruptedException e) {
                    return;
                }
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        onceStuck.start();
        try (HttpProbeSource source = new HttpProbeSource(List.of(
                probe("flaky", "http://127.0.0.1:" + onceStuck.getAddress().getPort() + "/health")), TIMEOUT)) {
            List<Observation> seen = source.poll().get(10, TimeUnit.SECONDS).observations();

            assertThat(seen).as("the answered hedge is the newest word").extracting(Observation::state)
                    .containsExactly(HealthState.DOWN, HealthState.HEALTHY);
        } finally {
            release.countDown();
            onceStuck.stop(0);
        }
    }

    private static HttpProbeSource.Probe probe(String name, String url) {
        return new HttpProbeSource.Probe(new Target(name, "login", null), URI.create(url));
    }

    private static void assertState(Map<String, Observation> seen, String name, HealthState state, String reason) {
        assertThat(seen.get(name)).as(name).satisfies(o -> {
            assertThat(o.state()).as(name + ": " + o.reason()).isEqualTo(state);
            assertThat(o.reason()).contains(reason);
        });
    }
}
