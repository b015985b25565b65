package io.sitrep.bot.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.sitrep.bot.command.MutableClock;
import io.sitrep.config.SlackSettings;
import io.sitrep.integrations.chat.slack.FakeSlackApi;
import io.sitrep.integrations.chat.slack.FakeSlackApi.Answer;
import io.sitrep.integrations.chat.slack.SlackConnector;
import io.sitrep.integrations.redis.RedisConnection;
import io.sitrep.integrations.redis.RedisLeaderLease;
import io.sitrep.integrations.redis.RedisOnCall;
import io.sitrep.integrations.redis.TestRedis;

/**
 * A schedule's Slack user group follows who is on call, against a fake Slack Web API: written at
 * a handoff and an override, not written again while nothing changed, by one replica of two,
 * and tried again after Slack failed.
 */
class UsergroupSyncTest {

    private static final String UPDATE = "/api/usergroups.users.update";

    // Monday 29 March 2027, 12:00 UTC: carol's week, until Monday 5 April 09:00 Berlin (07:00Z).
    private final MutableClock clock = MutableClock.at(Instant.parse("2027-03-29T12:00:00Z"));
    private final FakeSlackApi slack = new FakeSlackApi();
    private SlackConnector connector;
    private OnCallDesk desk;
    private MentionSync replica;
    private MentionSync otherReplica;

    @BeforeEach
    void twoReplicas() {
        RedisConnection redis = TestRedis.flushed();
        OnCallDirectory directory = OnCallLoader.load(List.of(
                new OnCallLoader.SourceFile("people.yml", OnCallLoaderTest.PEOPLE),
                new OnCallLoader.SourceFile("schedules/platform.yml",
                        OnCallLoaderTest.WEEKLY_PLATFORM + "slack-usergroup: S0PLATFORM\n")));
        desk = new OnCallDesk(OnCallFiles.of(directory), new OverrideStore(new RedisOnCall(redis)), clock);
        connector = new SlackConnector(new SlackSettings("xoxb-test", "", "", "", slack.apiUrl()), clock, "stakeholders",
                "");
        replica = sync(redis);
        otherReplica = sync(redis);
    }

    private MentionSync sync(RedisConnection redis) {
        return new MentionSync(desk, List.of(GroupMembers.slack(connector.usergroups())), new RedisOnCall(redis),
                new RedisLeaderLease(redis),
                Duration.ofSeconds(15), clock);
    }

    @AfterEach
    void close() throws Exception {
        connector.close();
        slack.close();
    }

    private List<String> written() {
        return slack.succeeded(UPDATE).stream().map(call -> call.field("usergroup") + " " + call.field("users"))
                .toList();
    }

    @Test
    void followsAHandoffAndAnOverrideAndWritesOnlyChanges() {
        replica.tick();
        otherReplica.tick();
        replica.tick();
        assertThat(written()).containsExactly("S0PLATFORM U0CAROL");

        clock.set(Instant.parse("2027-04-05T06:59:45Z"));
        replica.tick();
        clock.set(Instant.parse("2027-04-05T07:00:00Z"));
        replica.tick();
        assertThat(written()).containsExactly("S0PLATFORM U0CAROL", "S0PLATFORM U0ANT");

        desk.overrides().add(new OnCallOverride("o1", "platform", "bea", clock.instant(),
                clock.instant().plus(Duration.ofHours(2)), "U0ANT", clock.instant()));
        clock.advance(Duration.ofSeconds(15));
        replica.tick();
        clock.advance(Duration.ofHours(2));
        replica.tick();
        assertThat(written()).containsExactly("S0PLATFORM U0CAROL", "S0PLATFORM U0ANT", "S0PLATFORM U0BEA",
                "S0PLATFORM U0ANT");
    }

    @Test
    void leavesAGroupThatAlreadyHoldsWhoIsOnCall() {
        slack.script("usergroups.users.list", new Answer(200, java.util.Map.of(),
                "{\"ok\":true,\"users\":[\"U0CAROL\"]}"));

        replica.tick();

        assertThat(slack.calls("usergroups.users.list")).hasSize(1);
        assertThat(slack.calls(UPDATE)).isEmpty();
    }

    @Test
    void triesAgainWithBackoffAfterSlackFailed() {
        slack.outage("usergroups.users.update");
        replica.tick();
        int attempts = slack.calls(UPDATE).size();
        assertThat(attempts).isPositive();
        assertThat(written()).isEmpty();

        slack.endOutage();
        clock.advance(MentionSync.FIRST_RETRY.minusSeconds(1));
        replica.tick();
        assertThat(slack.calls(UPDATE)).hasSize(attempts);

        clock.advance(Duration.ofSeconds(1));
        replica.tick();
        assertThat(written()).containsExactly("S0PLATFORM U0CAROL");
    }
}
