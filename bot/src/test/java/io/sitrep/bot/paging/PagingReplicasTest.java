package io.sitrep.bot.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sitrep.bot.SitrepProcess;
import io.sitrep.bot.oncall.AlwaysOnCall;
import io.sitrep.incident.IncidentId;
import io.sitrep.integrations.chat.slack.FakeSlackApi;
import io.sitrep.integrations.redis.RedisConnection;
import io.sitrep.integrations.redis.RedisDeliveryQueue;
import io.sitrep.integrations.redis.RedisReminderQueue;
import io.sitrep.integrations.redis.TestRedis;

/**
 * A page outlives the replica that started it: real Sitrep processes on one Redis, killed with
 * SIGKILL (no shutdown, no lease given back), a fake Slack Web API receiving the direct
 * messages. Whichever replica is left — or the next one to start — escalates the page once,
 * an acknowledgement racing the escalation leaves one outcome, and nobody is paged twice.
 */
@Timeout(180)
class PagingReplicasTest {

    /** A database of its own: no other test's workers or clock take this one's pages. */
    private static final int DATABASE = 14;
    /** How long a post that passed its last check may take to reach the fake Slack on a loaded machine. */
    private static final java.time.Duration IN_FLIGHT = java.time.Duration.ofSeconds(2);
    private static final String TOKEN = "process-token";
    private static final Duration LEVEL_WAIT = Duration.ofSeconds(4);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final IncidentId INC_1 = new IncidentId(1);
    private static final String PAGED_FOR = "You are paged for INC-1";
    /** ant is on call at the first level; lead and bea make the second. */
    private static final String ANT = "U0ANT";
    private static final String LEAD = "U0LEAD";
    private static final String BEA = "U0BEA";

    private final FakeSlackApi slack = new FakeSlackApi();
    private final List<SitrepProcess> replicas = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final RedisConnection redis = RedisConnection.open(TestRedis.server().url() + "/" + DATABASE);
    private Path onCallDir;

    @BeforeEach
    void emptyDatabaseAndOnCallFiles() throws IOException {
        redis.jedis().flushDB();
        onCallDir = Files.createTempDirectory("paging-replicas");
        onCallFile("people.yml", """
                people:
                  ant: { slack: U0ANT }
                  lead: { slack: U0LEAD }
                  bea: { slack: U0BEA }
                """);
        onCallFile("schedules/primary.yml", AlwaysOnCall.schedule("primary", "ant"));
        onCallFile("policies/connectme.yml", """
                id: connectme
                services: [connectme]
                levels:
                  - notify: [schedule:primary]
                    escalate-after: PT4S
                  - notify: [person:lead, person:bea]
                    escalate-after: PT4S
                repeat: 0
                """);
    }

    private void onCallFile(String name, String yaml) throws IOException {
        Path file = onCallDir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml);
    }

    @AfterEach
    void killEveryReplica() {
        replicas.forEach(SitrepProcess::kill);
        slack.close();
        redis.close();
    }

    @Test
    void theReplicaLeftEscalatesOnceWhenTheOneThatPagedIsKilled() throws Exception {
        List<SitrepProcess> started = start("a", "b");
        SitrepProcess a = started.get(0);
        SitrepProcess b = started.get(1);

        declare(a);
        JsonNode levelOne = awaitLevelOneDelivered(b);
        a.kill(); // SIGKILL before the escalation is due: the page is only in Redis now

        await().atMost(WAIT).until(() -> exhausted(timeline(b)).size() == 1);
        List<JsonNode> timeline = timeline(b);
        assertThat(escalations(timeline)).as("escalated to level 2 once").singleElement()
                .satisfies(e -> assertThat(e.path("text").asText()).contains("escalating to level 2 of 2"));
        assertThat(paged(timeline, 2)).as("level 2 paged once").singleElement();
        assertThat(Instant.parse(escalations(timeline).get(0).path("at").asText()))
                .as("not before the level's wait").isAfterOrEqualTo(Instant.parse(levelOne.path("at").asText())
                        .plus(LEVEL_WAIT));
        assertThat(exhausted(timeline)).singleElement()
                .satisfies(e -> assertThat(e.path("text").asText()).contains("Nobody acknowledged INC-1/P1"));
        awaitDelivered();
        assertOneDirectMessageEach(ANT, LEAD, BEA);
    }

    @Test
    void anAcknowledgementRacingTheEscalationHasOneOutcomeAndStopsThePaging() throws Exception {
        List<SitrepProcess> started = start("a", "b", "c");
        declare(started.get(0));
        JsonNode levelOne = awaitLevelOneDelivered(started.get(1));
        Instant escalationDue = Instant.parse(levelOne.path("at").asText()).plus(LEVEL_WAIT);

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), escalationDue).toMillis()));
        HttpResponse<String> ack = command(started.get(2), "/incident ack INC-1");
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
        // Past when the page would have been exhausted: anything left to escalate has had its chance.
        Thread.sleep(LEVEL_WAIT.plusSeconds(1).toMillis());
        awaitDelivered();

        List<JsonNode> timeline = timeline(started.get(2));
        List<JsonNode> acknowledged = ofKind(timeline, "ACKNOWLEDGED");
        assertThat(acknowledged).as("acknowledged once").hasSize(1);
        Instant acknowledgedAt = Instant.parse(acknowledged.get(0).path("recordedAt").asText());
        List<JsonNode> escalated = escalations(timeline);
        assertThat(exhausted(timeline)).as("an acknowledged page never runs out").isEmpty();
        if (escalated.isEmpty()) {
            assertThat(paged(timeline, 2)).as("acknowledged first: level 2 never paged").isEmpty();
            assertThat(directMessages(LEAD) + directMessages(BEA)).isZero();
        } else {
            assertThat(escalated).as("escalated first, once").hasSize(1);
            assertThat(Instant.parse(escalated.get(0).path("recordedAt").asText())).isBefore(acknowledgedAt);
            assertThat(paged(timeline, 2)).singleElement();
        }
        // Each lane reads the incident again just before a page goes out; a message that passed that
        // read a moment before the acknowledgement was written can still be on the wire to Slack
        // (conversations.open, then chat.postMessage). Nothing may be sent after that.
        assertThat(pageNotifications()).as("no page notification reached Slack after the acknowledgement "
                        + "but one already on its way").allSatisfy(dm -> assertThat(dm.at())
                .isBeforeOrEqualTo(acknowledgedAt.plus(IN_FLIGHT)));
        assertThat(directMessages(ANT)).isEqualTo(1);
        assertThat(directMessages(LEAD)).isLessThanOrEqualTo(1);
        assertThat(directMessages(BEA)).isLessThanOrEqualTo(1);
    }

    @Test
    void aReplicaStartedAfterEveryOneWasKilledEscalatesOnceLate() throws Exception {
        List<SitrepProcess> started = start("a", "b");
        declare(started.get(0));
        JsonNode levelOne = awaitLevelOneDelivered(started.get(1));
        started.forEach(SitrepProcess::kill); // nobody left to run the clock
        Instant escalationDue = Instant.parse(levelOne.path("at").asText()).plus(LEVEL_WAIT);

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), escalationDue).toMillis() + 500));
        Instant freshFrom = Instant.now();
        SitrepProcess fresh = start("fresh").get(0);

        await().atMost(WAIT).until(() -> exhausted(timeline(fresh)).size() == 1);
        List<JsonNode> timeline = timeline(fresh);
        assertThat(escalations(timeline)).as("escalated once, late").singleElement()
                .satisfies(e -> assertThat(Instant.parse(e.path("at").asText())).isAfter(freshFrom));
        assertThat(paged(timeline, 2)).singleElement();
        awaitDelivered();
        assertOneDirectMessageEach(ANT, LEAD, BEA);
    }

    // ---- replicas ------------------------------------------------------------------------------

    /** Started side by side (a start is a few seconds of a loaded machine), ready when this returns. */
    private List<SitrepProcess> start(String... names) {
        List<CompletableFuture<SitrepProcess>> starting = new ArrayList<>();
        for (String name : names) {
            starting.add(CompletableFuture.supplyAsync(() -> {
                try {
                    SitrepProcess process = SitrepProcess.start("paging-" + name, List.of(
                            "--sitrep.redis.url=" + TestRedis.server().url() + "/" + DATABASE,
                            "--sitrep.data-dir=" + TestRedis.tempDir("paging-" + name),
                            "--sitrep.oncall.dir=" + onCallDir,
                            "--sitrep.slack.bot-token=xoxb-paging", "--sitrep.slack.signing-secret=paging-secret",
                            "--sitrep.slack.api-url=" + slack.apiUrl(),
                            "--sitrep.delivery.lease=3s", "--sitrep.delivery.max-backoff=2s",
                            "--sitrep.delivery.poll-interval=1s"));
                    synchronized (replicas) {
                        replicas.add(process);
                    }
                    return process;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }
        return starting.stream().map(CompletableFuture::join).toList();
    }

    private void declare(SitrepProcess replica) throws Exception {
        HttpResponse<String> declared = command(replica,
                "/incident declare \"ConnectMe login failures\" --sev 1 --service connectme");
        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(200);
        assertThat(json.readTree(declared.body()).path("incident").asText()).isEqualTo(INC_1.toString());
    }

    /**
     * Level 1 paged, its message out and marked sent, the page's next due time in the queue: a
     * kill from here on hits the escalation, not the first level's delivery.
     */
    private JsonNode awaitLevelOneDelivered(SitrepProcess replica) throws Exception {
        await().atMost(WAIT).until(() -> paged(timeline(replica), 1).size() == 1);
        JsonNode levelOne = paged(timeline(replica), 1).get(0);
        await().atMost(WAIT).until(() -> directMessages(ANT) == 1);
        awaitDelivered();
        Instant dueAgain = Instant.parse(levelOne.path("at").asText()).plus(LEVEL_WAIT);
        RedisReminderQueue clock = new RedisReminderQueue(redis);
        await().atMost(WAIT).until(() -> clock.earliest().filter(at -> !at.isAfter(dueAgain)).isPresent());
        return levelOne;
    }

    private void awaitDelivered() {
        RedisDeliveryQueue queue = new RedisDeliveryQueue(redis);
        await().atMost(WAIT).until(() -> queue.lanesOwed().isEmpty());
    }

    // ---- what Slack received -------------------------------------------------------------------

    private List<FakeSlackApi.Call> pageNotifications() {
        return slack.succeeded("chat.postMessage").stream()
                .filter(call -> String.valueOf(call.field("text")).contains(PAGED_FOR)).toList();
    }

    private long directMessages(String user) {
        // Posted to the direct message's own channel, which conversations.open gave for the user.
        String direct = FakeSlackApi.directChannel(user);
        return pageNotifications().stream().filter(call -> direct.equals(call.field("channel"))).count();
    }

    private void assertOneDirectMessageEach(String... users) {
        for (String user : users) {
            assertThat(directMessages(user)).as("direct messages paging " + user).isEqualTo(1);
        }
        assertThat(pageNotifications()).as("nobody else paged").hasSize(users.length);
    }

    // ---- the timeline, over the API ------------------------------------------------------------

    private List<JsonNode> timeline(SitrepProcess replica) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + replica.port() + "/api/incidents/INC-1/timeline")).header("Authorization", "Bearer " + TOKEN)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        JsonNode entries = body.has("entries") ? body.path("entries") : body;
        return StreamSupport.stream(entries.spliterator(), false).toList();
    }

    private static List<JsonNode> ofKind(List<JsonNode> timeline, String kind) {
        return timeline.stream().filter(e -> kind.equals(e.path("kind").asText())).toList();
    }

    private static List<JsonNode> paged(List<JsonNode> timeline, int level) {
        return ofKind(timeline, "PAGED").stream().filter(e -> e.path("data").path("level").asInt() == level).toList();
    }

    /** Escalations to a next level (not the page running out). */
    private static List<JsonNode> escalations(List<JsonNode> timeline) {
        return ofKind(timeline, "ESCALATED").stream().filter(e -> !e.path("data").path("exhausted").asBoolean())
                .toList();
    }

    private static List<JsonNode> exhausted(List<JsonNode> timeline) {
        return ofKind(timeline, "ESCALATED").stream().filter(e -> e.path("data").path("exhausted").asBoolean())
                .toList();
    }

    private HttpResponse<String> command(SitrepProcess replica, String text) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replica.port() + "/api/commands"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("text", text,
                        "user", "alice")))).build(), HttpResponse.BodyHandlers.ofString());
    }
}
