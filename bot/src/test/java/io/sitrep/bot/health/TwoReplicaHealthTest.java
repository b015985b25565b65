package io.sitrep.bot.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.sitrep.bot.SitrepApplication;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.health.TargetStatus;
import io.sitrep.integrations.redis.RedisConnection;
import io.sitrep.integrations.redis.RedisHealthBoard;
import io.sitrep.integrations.redis.TestRedis;

/**
 * Two Sitrep replicas (two application contexts, each with its own HTTP server) on one Redis and
 * one real HTTP target that can be made to hang: both judge resolutions alike and show the same
 * health, whichever holds the health-watch lease, and a handover keeps the picture.
 */
@Timeout(120)
class TwoReplicaHealthTest {

    /** A database of its own, so the other app tests' contexts don't share this lease or board. */
    private static final int DATABASE = 3;
    private static final String TOKEN = "two-replica-token";

    private final HangingTarget target = new HangingTarget();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private ConfigurableApplicationContext a;
    private ConfigurableApplicationContext b;

    @AfterEach
    void stop() {
        for (ConfigurableApplicationContext replica : new ConfigurableApplicationContext[] {a, b}) {
            if (replica != null && replica.isActive()) {
                replica.close();
            }
        }
        target.close();
    }

    @Test
    void bothReplicasJudgeFromTheSameTargetStatesAndAHandoverKeepsThem() throws Exception {
        TestRedis.flushed();
        a = replica();
        b = replica();
        ok(a, "declare \"Logins failing\" --service connectme");      // INC-1
        ok(a, "declare \"Calls failing\" --service connectme");       // INC-2
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(answer(b, "health connectme")).contains("login · HEALTHY since"));

        // Healthy for longer than stable-for (2 s): resolved goes through on either replica.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).until(() ->
                command(a, "resolved INC-1 \"restarted\"").status() == 200);
        assertThat(command(b, "resolved INC-2 \"restarted\"").status()).isEqualTo(200);

        // Hung: confirmed DOWN, and both replicas refuse with the same sentence and 409.
        ok(b, "declare \"Logins failing again\" --service connectme"); // INC-3
        ok(b, "declare \"Calls failing again\" --service connectme");  // INC-4
        target.hang();
        await().atMost(Duration.ofSeconds(20)).until(() -> answer(a, "health connectme").contains("login · DOWN"));
        Response onA = command(a, "resolved INC-3 \"restarted\"");
        Response onB = command(b, "resolved INC-4 \"restarted\"");
        assertThat(onA.status()).isEqualTo(409);
        assertThat(onB.status()).isEqualTo(409);
        assertThat(error(onA)).startsWith("Can't resolve INC-3: login is DOWN since ")
                .contains("its targets must be HEALTHY for 2s first (override with --force <reason>)");
        assertThat(error(onB)).isEqualTo(error(onA).replace("INC-3", "INC-4"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(answer(a, "health connectme")).isEqualTo(answer(b, "health connectme")));

        // The holder goes away: the other takes over with the same picture and announces nothing again.
        RedisHealthBoard board = new RedisHealthBoard(connection());
        TargetStatus before = board.targets().get("login");
        ConfigurableApplicationContext holder = a.getBean(HealthWatch.class).pollsHere() ? a : b;
        ConfigurableApplicationContext survivor = holder == a ? b : a;
        IncidentStore store = survivor.getBean(IncidentStore.class);
        long changesBefore = healthChanges(store, 3);
        holder.close();
        await().atMost(Duration.ofSeconds(20)).until(() -> survivor.getBean(HealthWatch.class).pollsHere());
        await().atMost(Duration.ofSeconds(10)).until(() -> board.sources().get("http-probes").checkedAt()
                .isAfter(before.since().plusSeconds(1)));
        assertThat(board.targets().get("login")).satisfies(after -> {
            assertThat(after.state()).isEqualTo(before.state());
            assertThat(after.since()).isEqualTo(before.since());
        });
        assertThat(healthChanges(store, 3)).isEqualTo(changesBefore);

        target.recover();
        await().atMost(Duration.ofSeconds(20)).until(() -> answer(survivor, "health connectme").contains("login · HEALTHY"));
        assertThat(store.timeline(new IncidentId(3)).stream().filter(e -> e.kind() == TimelineKind.HEALTH_CHANGED)
                .map(e -> e.data().get("to"))).containsExactly("DOWN", "HEALTHY");
    }

    private ConfigurableApplicationContext replica() {
        // As arguments, which outrank the shipped application.yml (its server.port is 8080).
        return new SpringApplicationBuilder(SitrepApplication.class).run(
                "--server.port=0", "--sitrep.console.enabled=false", "--sitrep.api.token=" + TOKEN,
                "--sitrep.data-dir=" + TestRedis.tempDir("two-replicas"),
                "--sitrep.redis.url=" + TestRedis.server().url() + "/" + DATABASE,
                "--sitrep.health.interval=PT0.2S", "--sitrep.health.probe-timeout=PT0.3S",
                "--sitrep.health.stable-for=PT2S", "--sitrep.health.auto-declare=false",
                "--sitrep.health.targets[0].name=login", "--sitrep.health.targets[0].service=connectme",
                "--sitrep.health.targets[0].url=" + target.url(),
                "--logging.level.root=WARN");
    }

    private static RedisConnection connection() {
        return RedisConnection.open(TestRedis.server().url() + "/" + DATABASE);
    }

    private static long healthChanges(IncidentStore store, long incident) {
        return store.timeline(new IncidentId(incident)).stream().filter(e -> e.kind() == TimelineKind.HEALTH_CHANGED)
                .count();
    }

    private void ok(ConfigurableApplicationContext replica, String text) throws Exception {
        Response response = command(replica, text);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private String answer(ConfigurableApplicationContext replica, String text) throws Exception {
        Response response = command(replica, text);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).path("replies").path(0).path("text").asText();
    }

    private String error(Response response) throws Exception {
        return json.readTree(response.body()).path("error").asText();
    }

    private record Response(int status, String body) {
    }

    private Response command(ConfigurableApplicationContext replica, String text) throws Exception {
        int port = ((WebServerApplicationContext) replica).getWebServer().getPort();
        String body = json.writeValueAsString(java.util.Map.of("text", "/incident " + text, "user", "alice",
                "channel", "ops"));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/commands")).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }
}
