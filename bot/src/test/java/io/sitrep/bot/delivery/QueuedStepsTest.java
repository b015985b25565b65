package io.sitrep.bot.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.sitrep.bot.command.MutableClock;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.Platform;
import io.sitrep.integrations.chat.Actor;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.Delivery;
import io.sitrep.integrations.chat.DeliveryQueue;
import io.sitrep.integrations.chat.DeliveryQueue.Lane;
import io.sitrep.integrations.chat.IncidentRoom;
import io.sitrep.integrations.chat.IncidentRooms;
import io.sitrep.integrations.redis.RedisConnection;
import io.sitrep.integrations.redis.RedisDeliveryQueue;
import io.sitrep.integrations.redis.RedisIncidentRooms;
import io.sitrep.integrations.redis.TestRedis;

/** A delivery's progress in the real queue: that it began is written once, before its first message. */
class QueuedStepsTest {

    private static final Instant T0 = Instant.parse("2026-02-26T09:00:00Z");
    private static final Lane LANE = new Lane(new IncidentId(1), "slack");

    private final MutableClock clock = MutableClock.at(T0);
    private final AtomicInteger writes = new AtomicInteger();
    private DeliveryQueue queue;
    private RedisConnection redisConnection;

    @BeforeEach
    void setUp() {
        redisConnection = TestRedis.flushed();
        DeliveryQueue redis = new RedisDeliveryQueue(redisConnection);
        // Counts the progress writes, the Redis round trips this is about.
        queue = (DeliveryQueue) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DeliveryQueue.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("saveProgress")) {
                        writes.incrementAndGet();
                    }
                    return method.invoke(redis, args);
                });
        queue.enqueue(new Delivery(new IncidentId(1), new Actor("alice", "U0ALICE").on(Platform.SLACK), List.of(
                new DeliveryMessage(Audience.ROOM, "one"), new DeliveryMessage(Audience.ROOM, "two"),
                new DeliveryMessage(Audience.ROOM, "three")), false, null),
                List.of("slack"), T0);
    }

    private QueuedSteps steps() {
        return new QueuedSteps(queue, queue.head(LANE).orElseThrow(), LANE, clock);
    }

    @Test
    void theFirstMessageIsPrecededByOneWriteSayingTheDeliveryBegan() {
        QueuedSteps steps = steps();
        assertThat(steps.startedBefore()).as("no try began before").isEmpty();

        clock.advance(Duration.ofSeconds(2));
        for (int step = 0; step < 3; step++) {
            steps.sending();
            steps.markDone(step);
        }

        assertThat(writes).as("begun once, then steps 0 and 1 (the last is said by completing)").hasValue(3);
        DeliveryQueue.Queued stored = queue.head(LANE).orElseThrow();
        assertThat(stored.startedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(stored.stepsDone()).containsExactlyInAnyOrder(0, 1);
    }

    @Test
    void aLaterTryKnowsAnEarlierOneBeganAndKeepsTheMarkThroughAPostponement() {
        steps().sending(); // the try dies here: its message's fate is unknown
        QueuedSteps again = steps();
        writes.set(0);

        again.sending();
        queue.saveProgress(LANE, again.postponed(T0.plusSeconds(5), "Slack: HTTP 503 (outcome unknown)"));

        assertThat(again.startedBefore()).hasValue(T0);
        assertThat(again.deliveryId()).hasValue(queue.head(LANE).orElseThrow().id());
        assertThat(writes).as("no second begun mark, only the postponement").hasValue(1);
        assertThat(queue.head(LANE).orElseThrow().startedAt()).isEqualTo(T0);
    }

    @Test
    void aCardRedrawnInPlaceIsRecordedWithTheWriteSayingTheDeliveryBegan() {
        IncidentRooms rooms = new RedisIncidentRooms(redisConnection);
        IncidentRoom room = IncidentRoom.opened("slack", "C1", "inc-1").withCard("1.0001", 3);
        rooms.save(LANE.incident(), room);
        QueuedSteps steps = steps();

        assertThat(steps.keepRoom(room.withCard("1.0001", 4))).isTrue();
        assertThat(rooms.find(LANE.incident(), "slack")).as("not yet written").hasValue(room);
        steps.sending();

        assertThat(writes).as("one write for both").hasValue(1);
        assertThat(rooms.find(LANE.incident(), "slack")).hasValue(room.withCard("1.0001", 4));
        assertThat(steps.takeRoom()).as("nothing left to write").isNull();
    }

    @Test
    void aCardKeptWhenNothingIsSentIsRecordedWithTheCompletion() {
        IncidentRooms rooms = new RedisIncidentRooms(redisConnection);
        IncidentRoom room = IncidentRoom.opened("slack", "C1", "inc-1").withCard("1.0001", 3);
        QueuedSteps steps = steps();
        steps.keepRoom(room);

        queue.completeAndHead(LANE, queue.head(LANE).orElseThrow().id(), List.of(), T0, steps.takeRoom());

        assertThat(rooms.find(LANE.incident(), "slack")).hasValue(room);
        assertThat(queue.head(LANE)).isEmpty();
    }
}
