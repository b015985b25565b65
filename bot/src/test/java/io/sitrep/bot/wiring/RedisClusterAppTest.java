package io.sitrep.bot.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sitrep.bot.command.MutableClock;
import io.sitrep.bot.reminder.ReminderScheduler;
import io.sitrep.bot.slack.SlackRequests;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.chat.DeliveryQueue;
import io.sitrep.integrations.chat.slack.FakeSlackApi;
import io.sitrep.integrations.redis.RedisServers;

/**
 * Sitrep on a real three-master Redis Cluster ({@code sitrep.redis.cluster.nodes}), as a user
 * runs it: incidents declared, worked and closed by Slack slash commands with a runbook, every
 * change posted to Slack through the durable delivery lanes, an update reminder when the
 * clock says one is due, and the public status page, with the incidents spread over the masters.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
    "sitrep.console.enabled=false",
    "sitrep.api.token=api-token",
    "sitrep.slack.bot-token=xoxb-test",
    "sitrep.slack.signing-secret=" + RedisClusterAppTest.SECRET,
    "sitrep.slack.stakeholder-channel=C0STAKE"
})
@Import(RedisClusterAppTest.MovableTime.class)
@EnabledIf("io.sitrep.integrations.redis.RedisServers#available")
@Timeout(180)
class RedisClusterAppTest {

    static final String SECRET = "cluster-test-secret";
    private static final int INCIDENTS = 12;
    private static final FakeSlackApi slack = new FakeSlackApi();
    private static final MutableClock clock = MutableClock.incidentMorning();
    private static List<RedisServers.Node> masters;

    @DynamicPropertySource
    static void cluster(DynamicPropertyRegistry registry) {
        registry.add("sitrep.redis.cluster.nodes", RedisClusterAppTest::startCluster);
        registry.add("sitrep.slack.api-url", slack::apiUrl);
    }

    /** One cluster for this test class's context, which Spring keeps until the JVM ends. */
    private static synchronized String startCluster() {
        if (masters == null) {
            RedisServers servers = new RedisServers("sitrep-cluster-app");
            Runtime.getRuntime().addShutdownHook(new Thread(servers::close));
            masters = servers.cluster(3);
        }
        return RedisServers.addresses(masters.subList(0, 1));
    }

    /** The app's clock, moved by the test so that a reminder falls due without waiting an hour. */
    @TestConfiguration(proxyBeanMethods = false)
    static class MovableTime {
        @Bean
        @Primary
        Clock movableClock() {
            return clock;
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    IncidentStore store;
    @Autowired
    DeliveryQueue deliveries;
    @Autowired
    ReminderScheduler reminders;

    private int commands;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theWholeLifecycleRemindersAndDeliveriesWorkOnACluster() throws Exception {
        for (int i = 1; i <= INCIDENTS; i++) {
            command("declare \"Checkout errors " + i + "\" --sev 2 --service checkout --region eu-west");
        }
        assertThat(RedisServers.keysOnEach(masters, "sitrep:{INC-*}:incident")).as("incidents on every master").hasSize(3)
                .allSatisfy(count -> assertThat(count).isPositive());

        List<String> lifecycle = List.of(
                "update INC-1 \"Some customers cannot pay; we are looking into it.\"",
                "runbook INC-1 start service-degradation",
                "runbook INC-1 step scope done \"EU card payments only\"",
                "identified INC-1 \"a bad deploy of the payment gateway\"",
                "monitoring INC-1 \"deploy rolled back\"",
                "resolved INC-1 \"payments work again\"",
                "postmortem INC-1 start",
                "postmortem INC-1 set summary \"Card payments failed for 40 minutes\"",
                "postmortem INC-1 set impact \"EU customers could not pay\"",
                "postmortem INC-1 set root-cause \"a bad deploy\"",
                "postmortem INC-1 set resolution \"rolled back\"",
                "postmortem INC-1 set category deploy",
                "postmortem INC-1 action \"canary the payment gateway\"",
                "close INC-1");
        for (String line : lifecycle) {
            command(line);
        }
        assertThat(store.find(new IncidentId(1)).orElseThrow().state()).isEqualTo(IncidentState.CLOSED);
        JsonNode open = get("/api/incidents");
        assertThat(open.size()).as("open incidents, read from every master").isEqualTo(INCIDENTS - 1);

        // Every change reached Slack through the lanes, in order.
        await().atMost(Duration.ofSeconds(60)).until(() -> deliveries.lanesOwed().isEmpty()
                && texts("C0STAKE").stream().anyMatch(t -> t.contains("payments work again")));
        List<String> stakeholders = texts("C0STAKE");
        assertThat(indexOfFirst(stakeholders, "Some customers cannot pay"))
                .isLessThan(indexOfFirst(stakeholders, "payments work again"));
        assertThat(slack.calls("conversations.create")).hasSize(INCIDENTS);

        // An hour later, the incidents nobody updated are due a reminder: each gets exactly one.
        clock.advance(Duration.ofMinutes(61));
        assertThat(reminders.runDue()).isGreaterThanOrEqualTo(INCIDENTS - 1);
        await().atMost(Duration.ofSeconds(60)).until(() -> deliveries.lanesOwed().isEmpty()
                && reminderPosts() >= INCIDENTS - 1);
        assertThat(reminderPosts()).isEqualTo(INCIDENTS - 1);

        JsonNode status = get("/status.json");
        assertThat(status.toString()).contains("INC-1").contains("payments work again");
    }

    private long reminderPosts() {
        return slack.calls("chat.postMessage").stream()
                .filter(c -> String.valueOf(c.field("text")).contains("Stakeholder update due")).count();
    }

    private static int indexOfFirst(List<String> texts, String part) {
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i).contains(part)) {
                return i;
            }
        }
        throw new AssertionError("no post with '" + part + "' in " + texts);
    }

    private static List<String> texts(String channel) {
        return slack.posts(channel).stream().map(c -> String.valueOf(c.field("text"))).toList();
    }

    /** {@code /incident <text>} typed by alice on Slack; waits for its answer, which must be no refusal. */
    private void command(String text) throws Exception {
        String answerPath = "/respond/" + (++commands);
        HttpResponse<String> ack = http.send(SlackRequests.slashCommandRequest(port, SECRET, slack.baseUrl() + answerPath,
                "C0OPS", text, clock.instant()), HttpResponse.BodyHandlers.ofString());
        assertThat(ack.statusCode()).as(text).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> !slack.calls(answerPath).isEmpty());
        String answer = slack.calls(answerPath).get(0).body();
        assertThat(answer).as(text).doesNotContain("❌").doesNotContainIgnoringCase("unknown")
                .doesNotContainIgnoringCase("not allowed").doesNotContain("Only the");
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer api-token").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return json.readTree(response.body());
    }
}
