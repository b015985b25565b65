package io.sitrep.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.sitrep.bot.SitrepApplication;
import io.sitrep.integrations.chat.DeliveryQueue;
import io.sitrep.integrations.chat.slack.FakeSlackApi;
import io.sitrep.integrations.chat.slack.FakeSlackApi.Answer;
import io.sitrep.integrations.redis.TestRedis;

/**
 * Three replicas on one Redis, one incident: eight updates, each typed to the next replica in
 * turn, while Slack now and then fails — the stakeholder channel gets eight posts, in the order
 * they were made, each once, whichever replica's worker sent them. And a Slack call that hangs for
 * several leases is not sent a second time by the other replica: the holder keeps its lease alive.
 */
@Timeout(180)
class SlackReplicasOrderTest {

    private static final String SECRET = "replicas-secret";
    private static final int DATABASE = 7;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern UPDATE = Pattern.compile("Update number (\\d+)");

    private final FakeSlackApi slack = new FakeSlackApi();
    private final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

    @AfterEach
    void stop() {
        replicas.forEach(ConfigurableApplicationContext::close);
        slack.close();
    }

    private ConfigurableApplicationContext start(int n, String... more) {
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--sitrep.console.enabled=false", "--sitrep.api.token=replicas",
                "--sitrep.data-dir=" + TestRedis.tempDir("replica-" + n),
                "--sitrep.redis.url=" + TestRedis.server().url() + "/" + DATABASE,
                "--sitrep.slack.bot-token=xoxb-replicas", "--sitrep.slack.signing-secret=" + SECRET,
                "--sitrep.slack.api-url=" + slack.apiUrl(), "--sitrep.slack.stakeholder-channel=C0STAKE",
                "--sitrep.delivery.max-backoff=1s", "--logging.level.root=WARN"));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(SitrepApplication.class).run(args.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext replica) {
        return ((WebServerApplicationContext) replica).getWebServer().getPort();
    }

    @Test
    void eightUpdatesThroughThreeReplicasArePostedInOrderEachOnce() throws Exception {
        TestRedis.flushed();
        for (int n = 0; n < 3; n++) {
            replicas.add(start(n));
        }
        DeliveryQueue queue = replicas.get(0).getBean(DeliveryQueue.class);
        assertThat(SlackRequests.slashCommand(port(replicas.get(0)), SECRET, slack.baseUrl() + "/respond/declare",
                "C0OPS", "declare \"Checkout down\"").statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> !slack.succeeded("pins.add").isEmpty());

        for (int n = 1; n <= 8; n++) {
            if (n == 3) {
                slack.script("chat.postMessage", Answer.serverError(), Answer.serverError(), Answer.serverError());
            }
            if (n == 6) {
                slack.script("chat.postMessage", Answer.rateLimited(1));
            }
            ConfigurableApplicationContext replica = replicas.get(n % 3);
            String respond = "/respond/update-" + n;
            assertThat(SlackRequests.slashCommand(port(replica), SECRET, slack.baseUrl() + respond, "C0INC1",
                    "update INC-1 Update number " + n).statusCode()).isEqualTo(200);
            // The next update is typed once this one is taken, as a person would after seeing the answer.
            await().atMost(WAIT).until(() -> !slack.calls(respond).isEmpty());
        }

        await().atMost(WAIT).until(() -> queue.lanesOwed().isEmpty());
        List<Integer> posted = new ArrayList<>();
        for (FakeSlackApi.Call call : slack.succeeded("chat.postMessage")) {
            Matcher update = UPDATE.matcher(String.valueOf(call.field("text")));
            if ("C0STAKE".equals(call.field("channel")) && update.find()) {
                posted.add(Integer.parseInt(update.group(1)));
            }
        }
        assertThat(posted).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    }

    @Test
    void aSlackCallHangingLongerThanTheLeaseIsNotSentAgainByTheOtherReplica() throws Exception {
        TestRedis.flushed();
        for (int n = 0; n < 2; n++) {
            replicas.add(start(n, "--sitrep.delivery.lease=1s"));
        }
        DeliveryQueue queue = replicas.get(0).getBean(DeliveryQueue.class);
        assertThat(SlackRequests.slashCommand(port(replicas.get(0)), SECRET, slack.baseUrl() + "/respond/declare",
                "C0OPS", "declare \"Checkout down\"").statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> slack.succeeded("chat.postMessage").stream()
                .anyMatch(call -> "C0STAKE".equals(call.field("channel"))));

        slack.slow("chat.postMessage", Duration.ofSeconds(4)); // four leases long, within one read timeout
        assertThat(SlackRequests.slashCommand(port(replicas.get(1)), SECRET, slack.baseUrl() + "/respond/update",
                "C0INC1", "update INC-1 Update number 1").statusCode()).isEqualTo(200);

        await().atMost(WAIT).until(() -> !slack.calls("/respond/update").isEmpty() && queue.lanesOwed().isEmpty());
        assertThat(slack.calls("chat.postMessage")).filteredOn(call -> "C0STAKE".equals(call.field("channel"))
                && call.field("text").contains("Update number 1")).as("sent once, by whichever replica held the lane")
                .hasSize(1);
    }
}
