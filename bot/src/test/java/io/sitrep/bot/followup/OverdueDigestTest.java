package io.sitrep.bot.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.sitrep.bot.UpgradeFixture;
import io.sitrep.incident.IncidentChange;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.Platform;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.lifecycle.SpringStatemachineLifecycle;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.Delivery;
import io.sitrep.integrations.redis.RedisConnection;
import io.sitrep.integrations.redis.RedisIncidentStore;
import io.sitrep.integrations.redis.RedisLeaderLease;
import io.sitrep.integrations.redis.TestRedis;

/**
 * The weekly digest on INC-1 with three overdue follow-ups: two of a Slack user, one of a
 * Discord user; and one of an owner known only by name, who is skipped. Twice in a week, or on
 * two replicas, is once; the next week is again.
 */
class OverdueDigestTest {

    private static final Instant MONDAY = Instant.parse("2026-12-07T09:00:00Z");

    @Test
    void eachOwnerHearsOnceAWeekByDirectMessage() throws Exception {
        RedisConnection redis = TestRedis.flushed();
        UpgradeFixture.load(redis.jedis(), OldIncident.FIXTURE);
        RedisIncidentStore store = new RedisIncidentStore(redis);
        IncidentWriter writer = new IncidentWriter(store, new SpringStatemachineLifecycle());
        LocalDate due = LocalDate.of(2026, 12, 1);
        writer.update(OldIncident.INC1, current -> Optional.of(new IncidentChange(current.toBuilder().postmortem(
                current.postmortem().withAction("Alert on lock waits", "<@U0BOB>", due)
                        .withAction("Load-test the cache", "<@U0BOB>", due)
                        .withAction("Fix the runbook", "<@412345678901234567>", due)
                        .withAction("Write the wiki page", "dana", due)
                        .withAction("Not yet due", "<@U0BOB>", LocalDate.of(2026, 12, 31))).build(),
                new TimelineEntry(MONDAY, MONDAY, TimelineKind.POSTMORTEM_FIELD, "alice", "console", "actions", null))));
        List<Delivery> sent = new CopyOnWriteArrayList<>();

        assertThat(digest(store, redis, sent, "a", MONDAY).runOnce(Duration.ofMinutes(5))).isEqualTo(2);
        assertThat(digest(store, redis, sent, "a", MONDAY.plus(Duration.ofDays(3))).runOnce(Duration.ofMinutes(5)))
                .as("later the same week").isZero();

        assertThat(sent).hasSize(2);
        Delivery bob = sent.stream().filter(d -> d.messages().get(0).audience()
                .equals(new Audience.Person(Platform.SLACK, "U0BOB"))).findFirst().orElseThrow();
        assertThat(bob.messages().get(0).text()).contains("overdue follow-ups (2)", "INC-1/A3", "INC-1/A4")
                .doesNotContain("INC-1/A7");
        assertThat(sent).extracting(d -> d.messages().get(0).audience())
                .contains(new Audience.Person(Platform.DISCORD, "412345678901234567"));

        Instant nextWeek = MONDAY.plus(Duration.ofDays(7)).plus(Duration.ofMinutes(10));
        assertThat(digest(store, redis, sent, "a", nextWeek).runOnce(Duration.ofMinutes(5))).isEqualTo(2);
    }

    @Test
    void onlyTheLeaseHolderSends() throws Exception {
        RedisConnection redis = TestRedis.flushed();
        UpgradeFixture.load(redis.jedis(), OldIncident.FIXTURE);
        RedisIncidentStore store = new RedisIncidentStore(redis);
        List<Delivery> sent = new CopyOnWriteArrayList<>();
        assertThat(digest(store, redis, sent, "a", MONDAY).runOnce(Duration.ofMinutes(5))).isZero();
        assertThat(new RedisLeaderLease(redis).holdOrTake(OverdueDigest.LEASE, "b", Duration.ofMinutes(5)))
                .as("replica a holds it").isFalse();
    }

    private static OverdueDigest digest(RedisIncidentStore store, RedisConnection redis, List<Delivery> sent,
                                        String replica, Instant now) {
        return new OverdueDigest(store, sent::add, new RedisLeaderLease(redis), redis.jedis(), replica,
                Clock.fixed(now, ZoneOffset.UTC));
    }
}
