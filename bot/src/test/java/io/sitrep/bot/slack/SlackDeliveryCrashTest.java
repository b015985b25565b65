package io.sitrep.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.sitrep.incident.IncidentId;
import io.sitrep.bot.SitrepProcess;
import io.sitrep.integrations.chat.slack.FakeSlackApi;
import io.sitrep.integrations.redis.RedisConnection;
import io.sitrep.integrations.redis.RedisDeliveryQueue;
import io.sitrep.integrations.redis.TestRedis;

/**
 * The post a person was promised survives Slack being down and Sitrep being killed: an update is
 * acknowledged while Slack answers 503, the replica is killed with SIGKILL mid-retry (a real
 * process, so nothing gets to shut down), Slack comes back, a new replica starts — and the
 * stakeholder post arrives exactly once. And a post Slack took whose replica was killed before
 * it could mark it is found by the next replica, not posted again.
 */
@Timeout(240)
class SlackDeliveryCrashTest {

    private static final String SECRET = "crash-secret";
    /** Its own database: the shared Slack tests' context must not deliver this incident's posts. */
    private static final int DATABASE = 6;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final FakeSlackApi slack = new FakeSlackApi();
    private SitrepProcess replica;

    @AfterEach
    void stop() {
        if (replica != null) {
            replica.kill();
        }
        slack.close();
    }

    private SitrepProcess start(String name) throws Exception {
        return SitrepProcess.start(name, List.of(
                "--sitrep.redis.url=" + TestRedis.server().url() + "/" + DATABASE,
                "--sitrep.data-dir=" + TestRedis.tempDir("crash-" + name),
                "--sitrep.slack.bot-token=xoxb-crash", "--sitrep.slack.signing-secret=" + SECRET,
                "--sitrep.slack.api-url=" + slack.apiUrl(), "--sitrep.slack.stakeholder-channel=C0STAKE",
                "--sitrep.delivery.lease=3s", "--sitrep.delivery.max-backoff=2s"));
    }

    @Test
    void anUpdateAcknowledgedDuringASlackOutageIsPostedOnceAfterKillNineAndRestart() throws Exception {
        TestRedis.flushed();
        replica = start("first");
        assertThat(slash("C0OPS", "declare \"Payments failing\"").statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> slack.succeeded("chat.postMessage").stream()
                .anyMatch(call -> "C0STAKE".equals(call.field("channel")))); // the declaration is announced

        slack.outage("chat.postMessage");
        assertThat(slash("C0INC1", "update INC-1 Failing over to the standby database").statusCode()).isEqualTo(200);
        // Killed while the update's own stakeholder post is being tried (and failing).
        await().atMost(WAIT).until(() -> slack.calls("chat.postMessage").stream()
                .anyMatch(SlackDeliveryCrashTest::isTheUpdate));

        replica.kill(); // SIGKILL: no shutdown hook, no lease released
        RedisDeliveryQueue queue = new RedisDeliveryQueue(
                RedisConnection.open(TestRedis.server().url() + "/" + DATABASE));
        assertThat(queue.owed(new IncidentId(1), List.of("slack"))).as("the post is still owed after the kill")
                .singleElement().satisfies(owed -> assertThat(owed.deliveries()).isEqualTo(1));
        assertThat(slack.succeeded("chat.postMessage").stream().filter(SlackDeliveryCrashTest::isTheUpdate)).isEmpty();

        slack.endOutage();
        replica = start("second");

        await().atMost(WAIT).until(() -> queue.lanesOwed().isEmpty());
        List<FakeSlackApi.Call> posted = slack.succeeded("chat.postMessage").stream()
                .filter(SlackDeliveryCrashTest::isTheUpdate).toList();
        assertThat(posted).as("posted exactly once").singleElement()
                .satisfies(post -> assertThat(post.field("channel")).isEqualTo("C0STAKE"));
        assertThat(queue.failures(new IncidentId(1))).isEmpty();
    }

    @Test
    void aPostSlackTookJustBeforeKillNineIsFoundByTheNextReplicaNotPostedAgain() throws Exception {
        TestRedis.flushed();
        replica = start("first");
        assertThat(slash("C0OPS", "declare \"Payments failing\"").statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> !slack.messages("C0STAKE").isEmpty()); // the declaration is announced

        // Slack takes the post, and the replica dies before its answer arrives: nothing marks it as sent.
        slack.loseAnswerToNextPost("C0STAKE", FakeSlackApi.LostAnswer.NEVER);
        assertThat(slash("C0INC1", "update INC-1 Failing over to the standby database").statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> updatesIn("C0STAKE") == 1);
        replica.kill();

        replica = start("second");
        RedisDeliveryQueue queue = new RedisDeliveryQueue(
                RedisConnection.open(TestRedis.server().url() + "/" + DATABASE));
        await().atMost(WAIT).until(() -> queue.lanesOwed().isEmpty());

        assertThat(updatesIn("C0STAKE")).as("one message in the channel").isEqualTo(1);
        assertThat(slack.calls("conversations.history")).as("the second replica looked before posting")
                .anySatisfy(call -> assertThat(call.field("channel")).isEqualTo("C0STAKE"));
        assertThat(queue.failures(new IncidentId(1))).isEmpty();
    }

    private long updatesIn(String channel) {
        return slack.messages(channel).stream().filter(m -> m.text().contains("Failing over to the standby database"))
                .count();
    }

    private static boolean isTheUpdate(FakeSlackApi.Call call) {
        return "C0STAKE".equals(call.field("channel"))
                && String.valueOf(call.field("text")).contains("Failing over to the standby database");
    }

    private java.net.http.HttpResponse<String> slash(String channel, String text) throws Exception {
        return SlackRequests.slashCommand(replica.port(), SECRET, slack.baseUrl() + "/respond/" + System.nanoTime(),
                channel, text);
    }
}
