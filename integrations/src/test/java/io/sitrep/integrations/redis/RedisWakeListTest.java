package io.sitrep.integrations.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.sitrep.incident.IncidentId;
import io.sitrep.incident.Platform;
import io.sitrep.integrations.chat.Actor;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.Delivery;
import io.sitrep.integrations.chat.DeliveryQueue.Claim;
import io.sitrep.integrations.chat.DeliveryQueue.WorkSignal;

/**
 * Idle workers wait on the wake lists instead of polling: a lane made due on one replica wakes
 * a waiter on another at once, a quiet wait costs one round trip per timeout, and a Redis that
 * hangs, restarts or is closed under the waiter never holds it for longer than its timeout.
 */
@Timeout(90)
class RedisWakeListTest {

    private static final Instant T0 = Instant.parse("2026-02-26T09:00:00Z");
    private static final Duration LONG_WAIT = Duration.ofSeconds(30);
    private static final IncidentId INC_1 = new IncidentId(1);

    private RedisConnection redis;
    private RedisDeliveryQueue queue;

    @BeforeEach
    void setUp() {
        redis = TestRedis.flushed();
        queue = new RedisDeliveryQueue(redis);
    }

    private static Delivery update(IncidentId incident, String text) {
        return new Delivery(incident, new Actor("alice", "U0ALICE").on(Platform.SLACK),
                List.of(new DeliveryMessage(Audience.STAKEHOLDERS, text)), false, null);
    }

    @Test
    void aLaneMadeDueOnOneReplicaWakesAWaiterOnAnotherAtOnce() throws Exception {
        try (RedisConnection other = RedisConnection.open(TestRedis.server().url() + "/1");
             WakeListener listener = new WakeListener(new RedisDeliveryQueue(other).workSignal(List.of("slack")), LONG_WAIT)) {
            awaitBlocked();
            long sent = System.nanoTime();
            queue.enqueue(update(INC_1, "Rolling back"), List.of("slack"), T0);

            await().atMost(Duration.ofSeconds(5)).until(() -> listener.woken() == 1);
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).as("told at once, not at a poll")
                    .isLessThan(Duration.ofSeconds(1));
            assertThat(new RedisDeliveryQueue(other).claim(List.of("slack"), T0, 1, LONG_WAIT)).hasSize(1);
        }
    }

    @Test
    void onlyALaneNewlyDueWakesAnyone() {
        queue.enqueue(update(INC_1, "first"), List.of("slack", "discord"), T0);
        queue.enqueue(update(INC_1, "second"), List.of("slack", "discord"), T0);
        assertThat(tokens("slack")).as("a lane already due has a worker on its way").isEqualTo(1);
        assertThat(tokens("discord")).as("each platform its own list").isEqualTo(1);

        redis.jedis().del(RedisKeys.outboxWake("slack"));
        Claim claim = queue.claim(List.of("slack"), T0, 1, LONG_WAIT).get(0);
        queue.enqueue(update(INC_1, "third"), List.of("slack"), T0);
        assertThat(tokens("slack")).as("its holder takes it up again at release").isZero();

        queue.release(claim, null, T0);
        for (int n = 2; n <= 100; n++) {
            queue.enqueue(update(new IncidentId(n), "many"), List.of("slack"), T0);
        }
        assertThat(tokens("slack")).as("bounded: workers that finish claim again anyway").isEqualTo(64);
    }

    @Test
    void waitingWithNothingToDoCostsOneRoundTripPerTimeout() throws Exception {
        long before = redis.counter().roundTrips();
        try (WakeListener listener = new WakeListener(queue.workSignal(List.of("slack", "discord")), Duration.ofMillis(500))) {
            Thread.sleep(3_000);
            assertThat(listener.woken()).isZero();
            assertThat(listener.timedOut()).isBetween(4, 7);
        }
        // Six or so BLPOPs and the log-in of the connection of its own.
        assertThat(redis.counter().roundTrips() - before).isBetween(5L, 9L);
    }

    @Test
    void closingTheSignalEndsAWaitAtOnce() throws Exception {
        WorkSignal signal = queue.workSignal(List.of("slack"));
        WakeListener listener = new WakeListener(signal, LONG_WAIT);
        awaitBlocked();
        long closing = System.nanoTime();
        signal.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> listener.timedOut() > 0);
        assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(2));
        listener.close();
        assertThat(listener.alive()).isFalse();
    }

    @Test
    void aHungRedisIsGivenUpAfterTheTimeoutAndWakesTheWaiterAgainOnceBack() throws Exception {
        try (EmbeddedRedis own = EmbeddedRedis.start(TestRedis.tempDir("sitrep-wake-hang"));
             RedisConnection connection = RedisConnection.open(own.url());
             WakeListener listener = new WakeListener(new RedisDeliveryQueue(connection).workSignal(List.of("slack")),
                     Duration.ofSeconds(1))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> listener.timedOut() >= 1);
            RedisServers.freeze(own);
            int before;
            try {
                Thread.sleep(500);
                before = listener.timedOut();
                // The BLPOP in flight gives up after its timeout and the grace; opening again fails as fast.
                await().atMost(Duration.ofSeconds(8)).until(() -> listener.timedOut() > before);
            } finally {
                RedisServers.thaw(own);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> listener.timedOut() > before + 2);
            new RedisDeliveryQueue(connection).enqueue(update(INC_1, "after"), List.of("slack"), T0);
            await().atMost(Duration.ofSeconds(5)).until(() -> listener.woken() == 1);
        }
    }

    @Test
    void aRestartedRedisIsWaitedOnAgain() throws Exception {
        assumeTrue(RedisServers.available(), RedisServers.MISSING);
        try (RedisServers servers = new RedisServers("wake-restart")) {
            RedisServers.Node node = servers.redis("redis", List.of());
            try (RedisConnection connection = RedisConnection.open("redis://" + node.address() + "/0");
                 WakeListener listener = new WakeListener(new RedisDeliveryQueue(connection).workSignal(List.of("slack")),
                         LONG_WAIT)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> clientsBlocked(node) == 1);
                node.kill();
                node.process().waitFor();
                RedisServers.Node back = servers.redis("redis", node.port(), List.of());
                await().atMost(Duration.ofSeconds(15)).until(() -> clientsBlocked(back) == 1);
                new RedisDeliveryQueue(connection).enqueue(update(INC_1, "after"), List.of("slack"), T0);
                await().atMost(Duration.ofSeconds(5)).until(() -> listener.woken() == 1);
            }
        }
    }

    private long tokens(String platform) {
        return redis.jedis().llen(RedisKeys.outboxWake(platform));
    }

    private void awaitBlocked() {
        await().atMost(Duration.ofSeconds(10)).until(() -> blockedClients(redis.jedis().info("clients")) >= 1);
    }

    private static long clientsBlocked(RedisServers.Node node) {
        try (redis.clients.jedis.Jedis jedis = node.jedis()) {
            return blockedClients(jedis.info("clients"));
        } catch (RuntimeException notYet) {
            return -1;
        }
    }

    private static long blockedClients(String info) {
        return info.lines().filter(l -> l.startsWith("blocked_clients:"))
                .mapToLong(l -> Long.parseLong(l.substring(l.indexOf(':') + 1).strip())).findFirst().orElse(0);
    }
}
