package io.sitrep.bot.followup;

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

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.sitrep.config.FollowUpSettings;
import io.sitrep.incident.FollowUp;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.Watcher;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.Delivery;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.DeliveryResult;
import io.sitrep.integrations.chat.DeliverySteps;
import io.sitrep.integrations.redis.TestRedis;

/**
 * Follow-ups as issues of a fake Jira over real HTTP: made once through a 429 and a lost answer,
 * found by label after a restart, resolved and reopened by the webhook with its token.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "sitrep.api.token=test-token",
        "sitrep.console.enabled=false",
        "sitrep.followups.jira.project=OPS",
        "sitrep.followups.jira.user=" + FakeJira.USER,
        "sitrep.followups.jira.token=" + FakeJira.TOKEN,
        "sitrep.followups.jira.webhook-token=hook-token"})
class JiraFollowUpTest {

    private static final FakeJira JIRA = new FakeJira();
    private static final IncidentId INC1 = OldIncident.INC1;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("sitrep.redis.url", () -> TestRedis.server().url());
        registry.add("sitrep.followups.jira.url", () -> JIRA.url().toString());
    }

    @AfterAll
    static void stop() {
        JIRA.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    IncidentStore store;
    @Autowired
    IncidentWriter writer;
    @Autowired
    FollowUpSettings settings;
    @Autowired
    JiraPoll poll;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void oldIncident() throws Exception {
        JIRA.issues.clear();
        OldIncident.load();
    }

    @Test
    void aRateLimitAndALostAnswerStillMakeOneIssueFoundByItsLabel() {
        Delivery delivery = Delivery.fromWatcher(Watcher.PAGER, INC1,
                List.of(new DeliveryMessage(new Audience.Pager("jira", "INC-1/A2"), "Track INC-1/A2")), false);
        DeliverySteps steps = DeliverySteps.inMemory();

        JIRA.limitNext.set(true);
        assertThat(lane().deliver(delivery, steps)).isInstanceOfSatisfying(DeliveryResult.Postponed.class,
                p -> assertThat(p.after()).isEqualTo(Duration.ofSeconds(42)));
        JIRA.dropNextAnswer.set(true);
        assertThat(lane().deliver(delivery, steps)).isInstanceOf(DeliveryResult.Postponed.class);
        assertThat(lane().deliver(delivery, steps)).isEqualTo(new DeliveryResult.Delivered(List.of()));

        assertThat(JIRA.issues).singleElement().satisfies(i -> assertThat(i.labels()).contains("sitrep-INC-1-A2"));
        assertThat(action(2).tracker()).isEqualTo(new FollowUp.Tracker("jira", "OPS-1", JIRA.url() + "/browse/OPS-1"));
    }

    @Test
    void thePollMarksDoneWhatWasResolvedThere() {
        Delivery delivery = Delivery.fromWatcher(Watcher.PAGER, INC1,
                List.of(new DeliveryMessage(new Audience.Pager("jira", "INC-1/A2"), "Track INC-1/A2")), false);
        assertThat(lane().deliver(delivery, DeliverySteps.inMemory())).isEqualTo(new DeliveryResult.Delivered(List.of()));
        String key = action(2).tracker().key();

        assertThat(poll.runOnce()).as("not resolved yet").isZero();
        JIRA.resolved.add(key);
        assertThat(poll.runOnce()).isOne();
        assertThat(action(2).status()).isEqualTo(FollowUp.Status.DONE);
        assertThat(poll.runOnce()).as("done already: not asked about again").isZero();
        assertThat(store.timeline(INC1)).extracting(e -> e.text())
                .contains("INC-1/A2 done by jira: resolved in " + key + " (seen by the poll)");
    }

    @Test
    void aNewFollowUpGetsOneIssueAndTheWebhookResolvesAndReopensIt() throws Exception {
        OldIncident.command(port, "alice", "postmortem INC-1 action \"Alert on lock waits\" --owner @bob --due 2027-01-15");
        await().atMost(Duration.ofSeconds(20)).until(() -> action(3).tracker() != null);
        assertThat(JIRA.issues).hasSize(1);
        String key = action(3).tracker().key();

        String resolved = event(key, "{\"name\":\"Done\"}", "Done");
        assertThat(hook(resolved, "wrong").statusCode()).isEqualTo(401);
        assertThat(hook(resolved, null).statusCode()).isEqualTo(401);
        assertThat(action(3).status()).isEqualTo(FollowUp.Status.OPEN);

        assertThat(hook(resolved, "hook-token").statusCode()).isEqualTo(200);
        assertThat(action(3).status()).isEqualTo(FollowUp.Status.DONE);
        assertThat(hook(event(key, "null", null), "hook-token").statusCode()).isEqualTo(200);
        assertThat(action(3).status()).isEqualTo(FollowUp.Status.OPEN);
        assertThat(JIRA.issues).hasSize(1);
    }

    private TrackerLane lane() {
        return TrackerLane.jira(settings, store, writer, Clock.systemUTC());
    }

    private FollowUp action(int number) {
        return OldIncident.action(store, number);
    }

    /** jira:issue_updated with the resolution set ({@code to} its name) or cleared ({@code to} null). */
    private static String event(String key, String resolution, String to) {
        return "{\"webhookEvent\":\"jira:issue_updated\",\"issue\":{\"key\":\"" + key + "\",\"fields\":{\"resolution\":"
                + resolution + ",\"labels\":[\"sitrep\",\"sitrep-INC-1-A3\"]}},\"changelog\":{\"items\":[{\"field\":"
                + "\"resolution\",\"toString\":" + (to == null ? "null" : "\"" + to + "\"") + "}]}}";
    }

    private HttpResponse<String> hook(String body, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hooks/jira"
                        + (token == null ? "" : "?token=" + token))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
