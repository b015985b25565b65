package io.sitrep.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.regex.Matcher;

import org.junit.jupiter.api.Test;

import io.sitrep.bot.UpgradeFixture;
import io.sitrep.integrations.redis.RedisConnection;
import io.sitrep.integrations.redis.TestRedis;

/**
 * An upgrade in place: deliveries the previous release queued (messages addressed to channels by
 * name, for an incident that recorded no platforms) load and drain to the same Slack channels,
 * rendered as before — the room's posts in the incident's channel, a reminder and a post with
 * actions with their buttons, the stakeholder and escalation posts in their channels, and
 * nothing for the caller's own channel.
 */
class SlackQueuedUpgradeTest extends SlackAppTest {

    private static final String FIXTURE = "/upgrade/0.1.0-queued-deliveries.jsonl";

    @Test
    void deliveriesQueuedByThePreviousReleaseDrainToTheSameChannels() throws IOException {
        // Into the application's database, taken a minute ago: deliveries older than a day are given up.
        String taken = Matcher.quoteReplacement("takenAt\\\":\\\"" + Instant.now().minusSeconds(60));
        try (RedisConnection app = RedisConnection.open(TestRedis.server().url())) {
            UpgradeFixture.load(app.jedis(), FIXTURE, text -> text.replaceAll("takenAt\\\\\":\\\\\"[^\\\\]+", taken));
        }

        awaitIdle();

        assertThat(slack.posts("C0INC1")).extracting(call -> call.field("text")).containsExactly(
                "alice moved INC-1 to Monitoring: restarted the component",
                "⏰ Stakeholder update due for INC-1 ConnectMe logins failing",
                "Runbook platform-node-unresponsive: step 2 of 4");
        assertThat(slack.posts("C0INC1").get(1).json("blocks").toString()).contains("Post update");
        assertThat(slack.posts("C0INC1").get(2).json("blocks").toString()).contains("runbook INC-1 step 2 done");
        assertThat(slack.posts("C0STAKE")).extracting(call -> call.field("text"))
                .containsExactly("INC-1 ConnectMe logins failing · Monitoring: restarted the component");
        assertThat(slack.posts("C0ESCALATE")).extracting(call -> call.field("text")).containsExactly(
                "🚨 ESCALATION: INC-1 ConnectMe logins failing is overdue for a stakeholder update.");
        assertThat(slack.posts("C0OPS")).as("the caller's answer was theirs alone").isEmpty();
        assertThat(slack.succeeded("chat.update")).as("the card showed the incident already").isEmpty();
    }
}
