package io.sitrep.bot.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.sitrep.config.DeliverySettings;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.Platform;
import io.sitrep.integrations.chat.Actor;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.ChatGateway;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.Delivery;
import io.sitrep.integrations.chat.DeliveryResult;
import io.sitrep.integrations.chat.DeliverySteps;
import io.sitrep.integrations.redis.RedisConnection;
import io.sitrep.integrations.redis.RedisDeliveryQueue;
import io.sitrep.integrations.redis.TestRedis;

/**
 * Replicas on one Redis, each with its own connection, queue and workers, and a poll interval of
 * a minute, so nothing here can be explained by polling: a post queued on one replica is sent by
 * another at once, a replica whose workers are all busy leaves the wake-up to one with a worker
 * free, and a postponed post is tried again when its backoff ends.
 */
@Timeout(60)
class DeliveryWakeUpTest {

    private static final Duration NO_POLLING = Duration.ofMinutes(1);
    private static final Duration PROMPTLY = Duration.ofMillis(500);

    /** Closed last first: the workers before their connection. */
    private final java.util.Deque<AutoCloseable> replicas = new java.util.ArrayDeque<>();

    @BeforeEach
    void emptyRedis() {
        TestRedis.flushed();
    }

    @AfterEach
    void stopReplicas() throws Exception {
        for (AutoCloseable replica : replicas) {
            replica.close();
        }
    }

    @Test
    void aPostQueuedOnOneReplicaIsSentByAnotherAtOnce() {
        DurableOutbox queuing = replica(1, new RecordingGateway(), false);
        RecordingGateway sending = new RecordingGateway();
        replica(4, sending, true);

        for (int n = 1; n <= 5; n++) {
            Instant queued = Instant.now();
            queuing.send(update(n));
            int sent = n;
            await().atMost(Duration.ofSeconds(5)).until(() -> sending.sentAt.size() == sent);
            assertThat(Duration.between(queued, sending.sentAt.get(n))).as("post %d", n).isLessThan(PROMPTLY);
        }
    }

    @Test
    void aReplicaWhoseWorkersAreAllBusyLeavesTheWakeUpToOneWithAWorkerFree() throws Exception {
        DurableOutbox queuing = replica(1, new RecordingGateway(), false);
        RecordingGateway busy = new RecordingGateway();
        busy.hangFirst = true;
        replica(1, busy, true);
        queuing.send(update(1));
        await().atMost(Duration.ofSeconds(5)).until(() -> busy.hanging.getCount() == 0 && busy.calls.get() == 1);
        long waiting = blockedListeners();
        RecordingGateway free = new RecordingGateway();
        replica(1, free, true);
        await().atMost(Duration.ofSeconds(5)).until(() -> blockedListeners() > waiting); // its listener is waiting

        Instant queued = Instant.now();
        queuing.send(update(2));

        await().atMost(Duration.ofSeconds(5)).until(() -> free.sentAt.containsKey(2));
        assertThat(Duration.between(queued, free.sentAt.get(2))).isLessThan(PROMPTLY);
        busy.release.countDown();
    }

    @Test
    void aPostponedPostIsTriedAgainWhenItsBackoffEndsNotAtThePollInterval() {
        DurableOutbox queuing = replica(1, new RecordingGateway(), false);
        RecordingGateway sending = new RecordingGateway();
        sending.postponeFirstBy = Duration.ofMillis(300);
        replica(1, sending, true);

        Instant queued = Instant.now();
        queuing.send(update(1));

        await().atMost(Duration.ofSeconds(5)).until(() -> sending.sentAt.containsKey(1));
        assertThat(sending.calls.get()).isEqualTo(2);
        assertThat(Duration.between(queued, sending.sentAt.get(1))).isBetween(Duration.ofMillis(300), Duration.ofSeconds(2));
    }

    /** A replica: its own connection to the test Redis, its queue and outbox, its workers started or not. */
    private DurableOutbox replica(int workers, RecordingGateway gateway, boolean start) {
        RedisConnection connection = RedisConnection.open(TestRedis.server().url() + "/1");
        replicas.push(connection);
        DurableOutbox outbox = new DurableOutbox(new RedisDeliveryQueue(connection), List.of(gateway), Clock.systemUTC(),
                new DeliverySettings(workers, Duration.ofSeconds(30), NO_POLLING, Duration.ofSeconds(60),
                        Duration.ofHours(24)), DeliveryWorkers.Listener.NONE);
        replicas.push(outbox.workers());
        if (start) {
            outbox.workers().start();
        }
        return outbox;
    }

    private static Delivery update(int incident) {
        return new Delivery(new IncidentId(incident), new Actor("alice", "U0ALICE").on(Platform.SLACK),
                List.of(new DeliveryMessage(Audience.STAKEHOLDERS, "update")), false, null);
    }

    /** Slack as far as the workers can tell: when each incident's post went out; it may hang or postpone its first call. */
    private static final class RecordingGateway implements ChatGateway {
        final Map<Integer, Instant> sentAt = new ConcurrentHashMap<>();
        final AtomicInteger calls = new AtomicInteger();
        final CountDownLatch hanging = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean hangFirst;
        volatile Duration postponeFirstBy;

        @Override
        public DeliveryResult deliver(Delivery delivery, DeliverySteps steps) {
            int call = calls.incrementAndGet();
            if (call == 1 && postponeFirstBy != null) {
                return new DeliveryResult.Postponed(postponeFirstBy, "rate limited");
            }
            if (call == 1 && hangFirst) {
                hanging.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            sentAt.put((int) delivery.incident().number(), Instant.now());
            return DeliveryResult.delivered();
        }

        @Override
        public String platform() {
            return "slack";
        }
    }

    /** How many connections Redis has blocked in a BLPOP now: the wake listeners that are waiting. */
    private static long blockedListeners() {
        try (redis.clients.jedis.Jedis own = new redis.clients.jedis.Jedis(java.net.URI.create(TestRedis.server().url()))) {
            return own.clientList().lines().filter(client -> client.contains(" cmd=blpop")).count();
        }
    }
}
