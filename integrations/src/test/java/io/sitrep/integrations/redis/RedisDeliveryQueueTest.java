package io.sitrep.integrations.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.sitrep.incident.IncidentId;
import io.sitrep.incident.Platform;
import io.sitrep.incident.Watcher;
import io.sitrep.integrations.chat.Actor;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.ChannelRef;
import io.sitrep.integrations.chat.ChatCommand;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.Delivery;
import io.sitrep.integrations.chat.DeliveryQueue;
import io.sitrep.integrations.chat.DeliveryQueue.Claim;
import io.sitrep.integrations.chat.DeliveryQueue.Lane;
import io.sitrep.integrations.chat.DeliveryQueue.Progress;
import io.sitrep.integrations.chat.DeliveryQueue.Queued;
import io.sitrep.integrations.chat.MessageAction;

/** The delivery queue against a real embedded Redis: order, leases, fencing, progress and failures. */
@Timeout(60)
class RedisDeliveryQueueTest {

    private static final Instant T0 = Instant.parse("2026-02-26T09:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final IncidentId INC_1 = new IncidentId(1);
    private static final IncidentId INC_2 = new IncidentId(2);
    private static final Lane SLACK_1 = new Lane(INC_1, "slack");
    private static final Lane DISCORD_1 = new Lane(INC_1, "discord");
    private static final List<String> PLATFORMS = List.of("slack", "discord");

    private RedisConnection redis;
    private RedisDeliveryQueue queue;

    @BeforeEach
    void setUp() {
        redis = TestRedis.flushed();
        queue = new RedisDeliveryQueue(redis);
    }

    private static Delivery update(IncidentId incident, String text) {
        return new Delivery(incident, new Actor("alice", "U0ALICE").on(Platform.SLACK),
                List.of(new DeliveryMessage(Audience.STAKEHOLDERS, text)),
                false, new ChatCommand("update", new Actor("alice", "U0ALICE"), new ChannelRef("slack", "C0OPS")));
    }

    @Test
    void keepsEachLaneInOrderAndEmptiesItAsDeliveriesComplete() {
        for (int n = 1; n <= 3; n++) {
            queue.enqueue(update(INC_1, "update " + n), List.of("slack", "discord"), T0);
        }

        List<Claim> claims = queue.claim(PLATFORMS, T0, 10, LEASE);
        assertThat(claims).extracting(Claim::lane).containsExactlyInAnyOrder(SLACK_1, DISCORD_1);
        Claim slack = claims.stream().filter(c -> c.lane().equals(SLACK_1)).findFirst().orElseThrow();
        for (int n = 1; n <= 3; n++) {
            Queued head = queue.head(SLACK_1).orElseThrow();
            assertThat(head.delivery().messages().get(0).text()).isEqualTo("update " + n);
            queue.complete(SLACK_1, head.id(), List.of(), T0);
        }
        assertThat(queue.head(SLACK_1)).isEmpty();
        assertThat(queue.head(DISCORD_1)).as("the other platform's lane is its own").isPresent();
        queue.release(slack, null, T0);
        assertThat(queue.lanesOwed()).containsExactly(java.util.Map.entry("discord", 1L));
        assertThat(queue.claim(List.of("slack"), T0.plusSeconds(60), 10, LEASE))
                .as("a replica claims only lanes of the platforms it runs").isEmpty();
    }

    @Test
    void aClaimedLaneIsHiddenUntilItsLeaseEndsThenAnotherWorkerCarriesOnWhereItStopped() {
        Delivery twoPosts = new Delivery(INC_1, Watcher.HEALTH, List.of(
                new DeliveryMessage(Audience.ROOM, "room"),
                new DeliveryMessage(Audience.STAKEHOLDERS, "stakeholders")), true, null);
        queue.enqueue(twoPosts, List.of("slack"), T0);
        Claim first = queue.claim(PLATFORMS, T0, 10, LEASE).get(0);
        Queued head = queue.head(SLACK_1).orElseThrow();
        queue.saveProgress(SLACK_1, head.progress().withSteps(Set.of(0)));
        // The worker dies here, holding the lane.

        assertThat(queue.claim(PLATFORMS, T0.plusSeconds(29), 10, LEASE)).as("leased").isEmpty();
        Claim second = queue.claim(PLATFORMS, T0.plusSeconds(31), 10, LEASE).get(0);
        Queued again = queue.head(SLACK_1).orElseThrow();
        assertThat(again.id()).isEqualTo(head.id());
        assertThat(again.stepsDone()).containsExactly(0);
        assertThat(again.delivery().opensRoom()).isTrue();
        assertThat(again.delivery().fromWatcher()).isTrue();

        assertThat(queue.renew(first, T0.plusSeconds(60))).as("the dead worker's lease is no longer its").isEmpty();
        queue.release(first, null, T0.plusSeconds(32));
        assertThat(queue.lanesOwed()).as("a stale release does nothing").containsKey("slack");
        queue.complete(SLACK_1, again.id(), List.of(), T0.plusSeconds(32));
        queue.release(second, null, T0.plusSeconds(32));
        assertThat(queue.lanesOwed()).isEmpty();
    }

    @Test
    void onOneServerAClaimReadsTheFirstLanesHeadInTheSameStep() {
        queue.enqueue(update(INC_1, "first"), List.of("slack"), T0);
        queue.enqueue(update(INC_1, "second"), List.of("slack"), T0);
        DeliveryQueue.Claims claims = queue.claimDue(PLATFORMS, T0, 1, LEASE);
        Queued head = claims.firstHead().orElseThrow();
        assertThat(head).isEqualTo(queue.head(SLACK_1).orElseThrow());
        assertThat(head.delivery().messages().get(0).text()).isEqualTo("first");

        Queued second = queue.completeAndHead(SLACK_1, head.id(), List.of(), T0).orElseThrow();
        queue.complete(SLACK_1, second.id(), List.of(), T0);
        queue.enqueue(update(INC_2, "other"), List.of("slack"), T0);
        DeliveryQueue.Claims next = queue.releaseAndClaim(claims.lanes().get(0), null, PLATFORMS, T0, LEASE);
        assertThat(next.lanes()).extracting(Claim::lane).containsExactly(new Lane(INC_2, "slack"));
        assertThat(next.firstHead().orElseThrow().delivery().messages().get(0).text()).isEqualTo("other");

        assertThat(queue.claimDue(PLATFORMS, T0, 1, LEASE).lanes()).as("nothing left due").isEmpty();
    }

    @Test
    void onOneServerTheLastCompletionGivesTheLaneBackAndClaimsTheNextInTheSameStep() {
        queue.enqueue(update(INC_1, "first"), List.of("slack"), T0);
        queue.enqueue(update(INC_1, "second"), List.of("slack"), T0);
        DeliveryQueue.Claims claims = queue.claimDue(PLATFORMS, T0, 1, LEASE);
        Claim claim = claims.lanes().get(0);
        queue.enqueue(update(INC_2, "other"), List.of("slack"), T0);

        DeliveryQueue.Completed first = queue.completeAndRelease(claim, claims.firstHead().orElseThrow().id(), List.of(),
                T0, null, PLATFORMS, LEASE);
        assertThat(first.released()).as("the lane still holds a delivery").isNull();
        Queued second = first.next().orElseThrow();
        assertThat(second.delivery().messages().get(0).text()).isEqualTo("second");

        DeliveryQueue.Completed last = queue.completeAndRelease(claim, second.id(), List.of(), T0, null, PLATFORMS, LEASE);
        assertThat(last.next()).isEmpty();
        assertThat(last.released().lanes()).extracting(Claim::lane).containsExactly(new Lane(INC_2, "slack"));
        assertThat(last.released().firstHead().orElseThrow().delivery().messages().get(0).text()).isEqualTo("other");
        queue.enqueue(update(INC_1, "third"), List.of("slack"), T0.plusMillis(5));
        assertThat(queue.claim(PLATFORMS, T0.plusMillis(5), 10, LEASE)).as("given back: due again when given more")
                .extracting(Claim::lane).containsExactly(SLACK_1);
    }

    @Test
    void whatIsTakenWhileALaneIsClaimedMakesItDueAgainOnRelease() {
        queue.enqueue(update(INC_1, "first"), List.of("slack"), T0);
        Claim claim = queue.claim(PLATFORMS, T0, 10, LEASE).get(0);
        Queued first = queue.head(SLACK_1).orElseThrow();
        queue.complete(SLACK_1, first.id(), List.of(), T0);
        assertThat(queue.head(SLACK_1)).isEmpty();
        queue.enqueue(update(INC_1, "second"), List.of("slack"), T0.plusMillis(5)); // between the look and the release

        queue.release(claim, null, T0.plusMillis(10));

        assertThat(queue.claim(PLATFORMS, T0.plusMillis(10), 10, LEASE)).extracting(Claim::lane).containsExactly(SLACK_1);
        assertThat(queue.head(SLACK_1).orElseThrow().delivery().messages().get(0).text()).isEqualTo("second");
    }

    @Test
    void aPostponedDeliveryKeepsItsTriesAndWaitsAsLongAsItWasTold() {
        queue.enqueue(update(INC_1, "update"), List.of("slack"), T0);
        Claim claim = queue.claim(PLATFORMS, T0, 10, LEASE).get(0);
        Queued head = queue.head(SLACK_1).orElseThrow();
        queue.saveProgress(SLACK_1, new Progress(head.id(), 3, T0.plusSeconds(8), "Slack: HTTP 503", Set.of(), null));
        queue.release(claim, T0.plusSeconds(8), T0);

        assertThat(queue.claim(PLATFORMS, T0.plusSeconds(7), 10, LEASE)).isEmpty();
        assertThat(queue.claim(PLATFORMS, T0.plusSeconds(8), 10, LEASE)).hasSize(1);
        Queued waiting = queue.head(SLACK_1).orElseThrow();
        assertThat(waiting.attempts()).isEqualTo(3);
        assertThat(waiting.retryAt()).isEqualTo(T0.plusSeconds(8));
        assertThat(waiting.lastError()).isEqualTo("Slack: HTTP 503");
        assertThat(queue.owed(INC_1, List.of("slack", "discord"))).singleElement().satisfies(owed -> {
            assertThat(owed.platform()).isEqualTo("slack");
            assertThat(owed.deliveries()).isEqualTo(1);
            assertThat(owed.attempts()).isEqualTo(3);
        });
    }

    @Test
    void whenADeliveryBeganSendingIsKeptThroughItsStepsAndPostponements() {
        queue.enqueue(update(INC_1, "update"), List.of("slack"), T0);
        Queued head = queue.head(SLACK_1).orElseThrow();
        assertThat(head.startedAt()).as("nothing sent yet").isNull();

        queue.saveProgress(SLACK_1, head.progress().started(T0.plusSeconds(1)));
        Progress begun = queue.head(SLACK_1).orElseThrow().progress();
        queue.saveProgress(SLACK_1, begun.withSteps(Set.of(0)).postponed(T0.plusSeconds(4), "Slack: HTTP 503", Set.of(0)));

        Queued again = queue.head(SLACK_1).orElseThrow();
        assertThat(again.startedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(again.stepsDone()).containsExactly(0);
        assertThat(again.attempts()).isEqualTo(1);
    }

    @Test
    void progressStoredWithoutTheBegunMarkLoadsAsNeverBegunAndTheLaneDrains() {
        // Written as a release without the mark left them: a lane entry and its progress, no startedAt.
        String id = "3b9f4c1e-2d7a-4f00-9a51-6c0e8d2b7f13";
        redis.jedis().rpush("sitrep:{INC-1}:outbox:slack", id + "\n{\"id\":\"" + id + "\","
                + "\"takenAt\":\"2026-02-26T09:00:00Z\",\"incident\":\"INC-1\",\"origin\":\"slack\","
                + "\"actor\":\"alice\",\"actorId\":\"U0ALICE\",\"opensRoom\":false,\"messages\":["
                + "{\"platform\":\"slack\",\"channel\":\"inc-1-api\",\"text\":\"room\",\"actions\":[]},"
                + "{\"platform\":\"slack\",\"channel\":\"stakeholders\",\"text\":\"stakeholders\",\"actions\":[]}]}");
        redis.jedis().hset("sitrep:{INC-1}:outbox", "slack", "{\"id\":\"" + id + "\",\"attempts\":2,"
                + "\"retryAt\":\"2026-02-26T09:00:08Z\",\"lastError\":\"Slack: HTTP 503\",\"stepsDone\":[0]}");
        queue.markDue(INC_1, List.of("slack"), T0);

        Claim claim = queue.claim(PLATFORMS, T0.plusSeconds(8), 10, LEASE).get(0);
        Queued head = queue.head(SLACK_1).orElseThrow();
        assertThat(head.id()).isEqualTo(id);
        assertThat(head.startedAt()).isNull();
        assertThat(head.stepsDone()).containsExactly(0);
        assertThat(head.attempts()).isEqualTo(2);
        assertThat(head.delivery().messages()).extracting(DeliveryMessage::text).containsExactly("room", "stakeholders");

        queue.complete(SLACK_1, head.id(), List.of(), T0.plusSeconds(9));
        queue.release(claim, null, T0.plusSeconds(9));
        assertThat(queue.head(SLACK_1)).isEmpty();
        assertThat(queue.lanesOwed()).isEmpty();
    }

    @Test
    void completingOnlyRemovesTheDeliveryItNamesAndKeepsFailuresNewestFirst() {
        queue.enqueue(update(INC_2, "one"), List.of("slack"), T0);
        queue.enqueue(update(INC_2, "two"), List.of("slack"), T0);
        Lane lane = new Lane(INC_2, "slack");
        Queued one = queue.head(lane).orElseThrow();

        queue.complete(lane, "not-the-head", List.of("ignored"), T0);
        assertThat(queue.head(lane).orElseThrow().id()).isEqualTo(one.id());

        queue.complete(lane, one.id(), List.of("Slack refused the stakeholder post to C0GONE: channel_not_found"), T0);
        Queued two = queue.head(lane).orElseThrow();
        queue.complete(lane, two.id(), List.of("Slack refused a post to C0ROOM: is_archived"), T0.plusSeconds(1));

        assertThat(queue.failures(INC_2)).extracting(f -> f.what()).containsExactly(
                "Slack refused a post to C0ROOM: is_archived",
                "Slack refused the stakeholder post to C0GONE: channel_not_found");
        assertThat(queue.failures(INC_1)).isEmpty();
    }

    @Test
    void storesHostileTextAndButtonsExactlyButNeverTheCaller() {
        String hostile = "line one\nline \"two\" <script>alert(1)</script> \\n 🚨 " + "x".repeat(3000);
        Delivery delivery = new Delivery(INC_1, new Actor("mallory", "1234").on(Platform.DISCORD), List.of(new DeliveryMessage(
                Audience.ROOM, hostile,
                List.of(new MessageAction("Post update", "update INC-1 \"quoted\"")))), false,
                new ChatCommand("note", new Actor("mallory", "1234"), new ChannelRef("discord", "5678")));
        queue.enqueue(delivery, List.of("slack"), T0);

        Queued head = queue.head(SLACK_1).orElseThrow();
        assertThat(head.delivery().messages()).isEqualTo(delivery.messages());
        assertThat(head.delivery().actor()).isEqualTo(delivery.actor());
        assertThat(head.delivery().origin()).isEqualTo(new Actor("mallory", "1234").on(Platform.DISCORD));
        assertThat(head.delivery().caller()).isNull();
        assertThat(head.takenAt()).isEqualTo(T0);
    }

    @Test
    void aLaneLeftHoldingDeliveriesWithoutBeingDueIsFoundAndMadeDue() {
        queue.enqueue(update(INC_1, "kept, then the replica died"), List.of("slack", "discord"), T0);
        queue.enqueue(update(INC_2, "delivered"), List.of("slack"), T0);
        Lane inc2 = new Lane(INC_2, "slack");
        queue.complete(inc2, queue.head(inc2).orElseThrow().id(), List.of(), T0);
        // As if the replica died between keeping the delivery and marking its lanes due:
        redis.jedis().del("sitrep:{outbox}:due:slack", "sitrep:{outbox}:due:discord");
        assertThat(queue.claim(PLATFORMS, T0.plusSeconds(60), 10, LEASE)).isEmpty();

        assertThat(queue.recoverLanes(T0.plusSeconds(60))).isEqualTo(2);

        assertThat(queue.claim(PLATFORMS, T0.plusSeconds(60), 10, LEASE)).extracting(Claim::lane)
                .containsExactlyInAnyOrder(SLACK_1, DISCORD_1);
        assertThat(queue.head(SLACK_1).orElseThrow().delivery().messages().get(0).text())
                .isEqualTo("kept, then the replica died");
    }
}
