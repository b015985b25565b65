package io.sitrep.bot.status.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.sitrep.bot.command.MutableClock;
import io.sitrep.bot.paging.ScriptedReceiver;
import io.sitrep.bot.paging.VerifyingWebhookReceiver;
import io.sitrep.config.StatusWebhookSettings;
import io.sitrep.integrations.redis.RedisStatusWebhooks;
import io.sitrep.integrations.redis.RedisStatusWebhooks.Owed;
import io.sitrep.integrations.redis.TestRedis;

/**
 * The fan-out on one Redis shared by replicas: two workers sending at once deliver each record
 * once; a fan-out run again after a crash makes no record twice; a replica that died holding
 * records leaves them to another once its lease is over, and nothing is sent twice.
 */
class FanOutReplicasTest {

    private static final String SECRET = StatusWebhookApiTest.SECRET;
    private static final int SUBSCRIBERS = 40;

    private final VerifyingWebhookReceiver checks = new VerifyingWebhookReceiver(SECRET);
    private final ScriptedReceiver receiver = new ScriptedReceiver(checks);
    private final List<FanOutWorker> workers = new ArrayList<>();
    private RedisStatusWebhooks webhooks;

    @BeforeEach
    void subscribers() {
        webhooks = new RedisStatusWebhooks(TestRedis.flushed());
        for (int i = 0; i < SUBSCRIBERS; i++) {
            webhooks.add(new RedisStatusWebhooks.Webhook("wh_" + i, receiver.url("/hooks/" + i), SECRET, List.of(),
                    Instant.parse("2026-12-01T00:00:00Z").plusSeconds(i)));
        }
    }

    @AfterEach
    void stop() {
        workers.forEach(FanOutWorker::close);
        receiver.close();
    }

    @Test
    void twoReplicasDeliverEachRecordOnce() {
        assertThat(webhooks.fanOut("msg_post_0", owed("msg_post_0"), Instant.now())).isEqualTo(SUBSCRIBERS);

        worker(Clock.systemUTC()).start();
        worker(Clock.systemUTC()).start();

        await().atMost(Duration.ofSeconds(20)).until(() -> webhooks.owed() == 0);
        assertThat(receiver.taken()).hasSize(SUBSCRIBERS);
        assertThat(receiver.requests()).hasSize(SUBSCRIBERS);
        assertThat(checks.repeats()).isEmpty();
        assertThat(checks.problems()).isEmpty();
    }

    @Test
    void aRestartMidFanOutDoublesNothing() {
        Instant now = Instant.now();
        List<Owed> owed = owed("msg_post_1");
        assertThat(webhooks.fanOut("msg_post_1", owed.subList(0, 10), now)).as("the first replica's run, cut short")
                .isEqualTo(10);
        List<RedisStatusWebhooks.Claimed> held = webhooks.claim(now, FanOutWorker.LEASE, 5).claimed();
        assertThat(held).as("a replica claimed five, then died before sending them").hasSize(5);

        assertThat(webhooks.fanOut("msg_post_1", owed, now)).as("the fan-out run again makes only what was missing")
                .isEqualTo(SUBSCRIBERS - 10);
        MutableClock later = MutableClock.at(now);
        worker(later).start();
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.taken().size() == SUBSCRIBERS - 5);
        assertThat(webhooks.owed()).as("the dead replica's records wait for its lease").isEqualTo(5);

        later.advance(FanOutWorker.LEASE.plusSeconds(1));
        workers.get(0).wake();
        await().atMost(Duration.ofSeconds(20)).until(() -> webhooks.owed() == 0);
        assertThat(receiver.requests()).hasSize(SUBSCRIBERS);
        assertThat(checks.repeats()).isEmpty();
        assertThat(webhooks.fanOut("msg_post_1", owed, later.instant())).as("and once sent, never made again")
                .isZero();
    }

    private List<Owed> owed(String post) {
        List<Owed> owed = new ArrayList<>();
        for (int i = 0; i < SUBSCRIBERS; i++) {
            owed.add(new Owed("wh_" + i, post + "_wh_" + i, "INC-1", "{\"type\":\"incident.updated\",\"n\":" + i + "}"));
        }
        return owed;
    }

    private FanOutWorker worker(Clock clock) {
        FanOutWorker worker = StatusWebhooks.worker(webhooks, new Subscribers(webhooks), new StatusWebhookSettings(Duration.ofHours(24),
                Duration.ofSeconds(1)), delivery -> { }, null, "", Duration.ofMillis(200), clock);
        workers.add(worker);
        return worker;
    }
}
