package io.sitrep.bot.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.sitrep.bot.SitrepApplication;
import io.sitrep.integrations.redis.EmbeddedRedis;
import io.sitrep.integrations.redis.TestRedis;

/**
 * Readiness follows the store: DOWN within seconds of Redis going away and UP again when it is
 * back, without a restart; liveness stays UP throughout, so an outage never restarts replicas.
 */
@Timeout(90)
class ReadinessTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void readinessFollowsTheStoreAndLivenessDoesNot() throws Exception {
        Path data = TestRedis.tempDir("readiness-redis");
        EmbeddedRedis redis = EmbeddedRedis.start(data);
        int redisPort = redis.port();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SitrepApplication.class).run(
                "--server.port=0", "--sitrep.console.enabled=false", "--sitrep.api.token=readiness",
                "--sitrep.data-dir=" + TestRedis.tempDir("readiness-app"), "--sitrep.redis.url=" + redis.url(),
                "--logging.level.root=WARN")) {
            int port = app.getEnvironment().getProperty("local.management.port", Integer.class);
            assertThat(status(port, "/actuator/health/readiness")).isEqualTo(200);

            redis.close();
            await().atMost(Duration.ofSeconds(15)).until(() -> status(port, "/actuator/health/readiness") == 503);
            assertThat(status(port, "/actuator/health/liveness")).isEqualTo(200);

            redis = EmbeddedRedis.start(data, redisPort);
            await().atMost(Duration.ofSeconds(15)).until(() -> status(port, "/actuator/health/readiness") == 200);
            assertThat(status(port, "/actuator/health/liveness")).isEqualTo(200);
        } finally {
            redis.close();
        }
    }

    private int status(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
