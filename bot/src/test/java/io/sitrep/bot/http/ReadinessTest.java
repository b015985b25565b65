package io.sitrep.bot.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.sitrep.bot.SitrepApplication;
import io.sitrep.integrations.redis.EmbeddedRedis;
import io.sitrep.integrations.redis.RedisServers;
import io.sitrep.integrations.redis.TestRedis;

/**
 * Readiness follows the store: DOWN within seconds of Redis going away and UP again when it is
 * back, without a restart; liveness stays UP throughout, so an outage never restarts replicas.
 * The probes are on a port and threads of their own and read what the replica already knows of
 * the store, so they answer at once even while Redis hangs and commands queue up waiting on it;
 * once the store is known away, commands are refused at once instead of joining that queue.
 */
@Timeout(120)
class ReadinessTest {

    /** Far above what a probe takes, far below what a hung Redis holds a call (5 s). */
    private static final Duration PROMPTLY = Duration.ofSeconds(2);
    /** For what may rightly wait on Redis' client timeouts. */
    private static final Duration PATIENTLY = Duration.ofSeconds(30);
    /** Commands sent at once: more than the main port has threads for. */
    private static final int COMMANDS = 24;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void readinessFollowsTheStoreAndLivenessDoesNot() throws Exception {
        Path data = TestRedis.tempDir("readiness-redis");
        EmbeddedRedis redis = EmbeddedRedis.start(data);
        int redisPort = redis.port();
        try (ConfigurableApplicationContext app = sitrep(redis, "readiness-app")) {
            int management = managementPort(app);
            assertThat(status(management, "/actuator/health/readiness")).isEqualTo(200);

            redis.close();
            await().atMost(Duration.ofSeconds(15)).until(() -> status(management, "/actuator/health/readiness") == 503);
            assertThat(status(management, "/actuator/health/liveness")).isEqualTo(200);

            redis = EmbeddedRedis.start(data, redisPort);
            await().atMost(Duration.ofSeconds(15)).until(() -> status(management, "/actuator/health/readiness") == 200);
            assertThat(status(management, "/actuator/health/liveness")).isEqualTo(200);
        } finally {
            redis.close();
        }
    }

    @Test
    void whileRedisHangsUnderCommandsTheProbesAnswerPromptlyLivenessStaysUpAndCommandsAreRefusedAtOnce()
            throws Exception {
        EmbeddedRedis redis = EmbeddedRedis.start(TestRedis.tempDir("frozen-redis"));
        try (ConfigurableApplicationContext app = sitrep(redis, "frozen-app",
                // Few threads, so the commands below fill them; a short stall time, so a Redis
                // call taken for a stalled loop would show within the freeze.
                "--server.tomcat.threads.max=8", "--sitrep.selfcheck.stall-after=2s",
                "--sitrep.selfcheck.check-every=200ms")) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            int management = managementPort(app);
            assertThat(command(port, "declare \"Checkout errors\"", PATIENTLY).join().statusCode()).isEqualTo(200);

            RedisServers.freeze(redis);
            List<CompletableFuture<HttpResponse<String>>> commands = new ArrayList<>();
            for (int i = 0; i < COMMANDS; i++) {
                commands.add(command(port, "note INC-1 \"still looking\"", PATIENTLY));
            }

            await().atMost(Duration.ofSeconds(5)).until(() -> promptStatus(management, "/actuator/health/readiness") == 503);
            assertThat(commands).as("commands were waiting on the hung store meanwhile")
                    .anyMatch(command -> !command.isDone());
            // Longer than the stall time: threads waiting on Redis are slow, not stuck.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                    .until(() -> promptStatus(management, "/actuator/health/liveness") == 200);

            // Those that waited on Redis gave up (its client's timeout); those behind them never waited.
            await().atMost(Duration.ofSeconds(30)).until(() -> commands.stream().allMatch(CompletableFuture::isDone));
            assertThat(commands).allSatisfy(command -> assertThat(command.join().statusCode()).isEqualTo(503));
            HttpResponse<String> refused = command(port, "note INC-1 \"any news?\"", PROMPTLY).join();
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.body()).contains("The incident store is unavailable right now; nothing was changed.");
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/incidents"))
                    .header("Authorization", "Bearer readiness").timeout(PROMPTLY).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(503);

            RedisServers.thaw(redis);
            await().atMost(Duration.ofSeconds(10)).until(() -> promptStatus(management, "/actuator/health/readiness") == 200);
            assertThat(command(port, "note INC-1 \"found it\"", PATIENTLY).join().statusCode()).isEqualTo(200);
            assertThat(promptStatus(management, "/actuator/health/liveness")).isEqualTo(200);
        } finally {
            RedisServers.thaw(redis);
            redis.close();
        }
    }

    private static ConfigurableApplicationContext sitrep(EmbeddedRedis redis, String name, String... more) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--sitrep.console.enabled=false",
                "--sitrep.api.token=readiness", "--sitrep.data-dir=" + TestRedis.tempDir(name),
                "--sitrep.redis.url=" + redis.url(), "--logging.level.root=WARN"));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(SitrepApplication.class).run(args.toArray(String[]::new));
    }

    private static int managementPort(ConfigurableApplicationContext app) {
        return app.getEnvironment().getProperty("local.management.port", Integer.class);
    }

    private int status(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The status, which must come within {@link #PROMPTLY}: a slower answer fails the test. */
    private int promptStatus(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(PROMPTLY)
                .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private CompletableFuture<HttpResponse<String>> command(int port, String text, Duration within) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/commands"))
                .header("Authorization", "Bearer readiness").header("Content-Type", "application/json").timeout(within)
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"/incident " + text.replace("\"", "\\\"")
                        + "\",\"user\":\"alice\"}")).build(), HttpResponse.BodyHandlers.ofString());
    }
}
