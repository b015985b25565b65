package io.sitrep.integrations.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import redis.clients.jedis.resps.StreamEntry;
import io.sitrep.incident.IllegalTransitionException;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentChange;
import io.sitrep.incident.IncidentEvent;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.Platform;
import io.sitrep.incident.Role;
import io.sitrep.incident.Severity;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.lifecycle.SpringStatemachineLifecycle;
import io.sitrep.incident.lifecycle.TransitionRequest;
import io.sitrep.incident.store.Announcement;
import io.sitrep.integrations.chat.Actor;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.Delivery;
import io.sitrep.integrations.chat.DeliveryQueue.Claim;
import io.sitrep.integrations.chat.DeliveryQueue.Lane;
import io.sitrep.integrations.chat.DeliveryQueue.Queued;

/**
 * What others are told of a change is written by the change's own script, into the incident's
 * delivery lanes: a change never stands without its posts, a losing or refused attempt queues
 * nothing, and a process that dies right after the write leaves a lane that recovery finds.
 */
@Timeout(120)
class AnnouncedChangesTest {

    private static final Instant T0 = Instant.parse("2026-02-26T08:25:00Z");
    private static final IncidentId ID = new IncidentId(1);
    private static final List<String> PLATFORMS = List.of("slack", "discord");
    private static final Lane SLACK = new Lane(ID, "slack");
    private static final Lane DISCORD = new Lane(ID, "discord");
    private static final int WRITERS = 40;

    private RedisConnection redis;
    private RedisIncidentStore store;
    private RedisDeliveryQueue queue;
    private IncidentWriter writer;
    private ExecutorService threads;

    @BeforeEach
    void setUp() {
        redis = TestRedis.flushed();
        store = new RedisIncidentStore(redis);
        queue = new RedisDeliveryQueue(redis);
        writer = new IncidentWriter(store, new SpringStatemachineLifecycle());
        threads = Executors.newFixedThreadPool(WRITERS);
        declareInvestigating();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    /** Announces each change's note to stakeholders; {@code dies} leaves out what follows the write, as a crash would. */
    private class NoteAnnouncer implements IncidentWriter.Announcer {
        private final boolean dies;
        int announced;

        NoteAnnouncer(boolean dies) {
            this.dies = dies;
        }

        @Override
        public Announcement announce(Incident before, IncidentChange change) {
            announced++;
            Delivery delivery = new Delivery(change.incident().id(), new Actor("alice", "U0ALICE").on(Platform.SLACK),
                    List.of(new DeliveryMessage(Audience.STAKEHOLDERS,
                            "v" + change.incident().version() + " " + change.entries().get(0).text())), false, null);
            Announcement announcement = queue.announcement(UUID.randomUUID().toString(), delivery, PLATFORMS, T0);
            // One that dies stands for a cluster, where the lanes are marked due after the write.
            return dies ? new Announcement(announcement.entry(), announcement.platforms()) : announcement;
        }

        @Override
        public void written(Incident before, IncidentChange change, Announcement announcement) {
            if (!dies && !announcement.markedDueByStore()) {
                queue.markDue(change.incident().id(), announcement.platforms(), T0);
            }
        }
    }

    @Test
    void racingWritersQueueExactlyTheWinningAttemptOfEachChangeInTheOrderWritten() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<IncidentChange>> futures = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            NoteAnnouncer announcer = new NoteAnnouncer(false);
            int n = i;
            futures.add(threads.submit(() -> {
                go.await();
                return note(writer.announcing(announcer), "note " + n);
            }));
        }
        go.countDown();
        for (Future<IncidentChange> future : futures) {
            future.get(60, TimeUnit.SECONDS);
        }
        List<String> queued = drain(SLACK);
        // The timeline stream holds the entries in the order the changes were written: version 2 first.
        List<StreamEntry> stream = redis.jedis().xrange(RedisKeys.timeline(ID), "-", "+");
        List<String> written = new ArrayList<>();
        for (int i = 1; i < stream.size(); i++) {
            written.add("v" + (i + 1) + " " + IncidentJson.readEntry(stream.get(i).getFields().get("entry")).text());
        }
        assertThat(written).hasSize(WRITERS);
        assertThat(queued).as("one delivery per change, in the order the changes were written").containsExactlyElementsOf(written);
        assertThat(drain(DISCORD)).containsExactlyElementsOf(written);
    }

    @Test
    void anAttemptThatLosesTheCompareAndSetQueuesNothingAndTheRetryQueuesOnce() {
        NoteAnnouncer interrupted = new NoteAnnouncer(false) {
            @Override
            public Announcement announce(Incident before, IncidentChange change) {
                if (announced == 0) {
                    // Another writer gets in between this attempt's read and its write.
                    note(writer, "the other writer's note");
                }
                return super.announce(before, change);
            }
        };

        note(writer.announcing(interrupted), "mine");

        assertThat(interrupted.announced).as("the first attempt lost and was decided again").isEqualTo(2);
        assertThat(drain(SLACK)).containsExactly("v3 mine");
        assertThat(store.find(ID).orElseThrow().version()).isEqualTo(3);
    }

    @Test
    void aChangeWrittenByAProcessThatDiedBeforeMarkingItsLanesIsFoundByRecovery() {
        note(writer.announcing(new NoteAnnouncer(true)), "written, then the process died");

        assertThat(queue.claim(PLATFORMS, T0.plusSeconds(1), 10, Duration.ofSeconds(30)))
                .as("nobody marked the lanes due").isEmpty();
        assertThat(queue.head(SLACK)).as("yet the post is in the lane, with the change")
                .map(q -> q.delivery().messages().get(0).text()).contains("v2 written, then the process died");

        assertThat(queue.recoverLanes(T0.plusSeconds(2))).isEqualTo(2);
        assertThat(queue.claim(PLATFORMS, T0.plusSeconds(3), 10, Duration.ofSeconds(30)))
                .extracting(Claim::lane).containsExactlyInAnyOrder(SLACK, DISCORD);
    }

    @Test
    void whereOneServerHoldsEveryKeyTheChangesOwnWriteMarksItsLanesDue() {
        IncidentWriter.Announcer marksNothingAfter = new NoteAnnouncer(false) {
            @Override
            public void written(Incident before, IncidentChange change, Announcement announcement) {
                assertThat(announcement.markedDueByStore()).isTrue();
            }
        };
        note(writer.announcing(marksNothingAfter), "due with the change");

        assertThat(queue.claim(PLATFORMS, T0.plusSeconds(1), 10, Duration.ofSeconds(30)))
                .as("due in the same script as the change").extracting(Claim::lane)
                .containsExactlyInAnyOrder(SLACK, DISCORD);
    }

    @Test
    void aRefusedChangeQueuesNothing() {
        NoteAnnouncer announcer = new NoteAnnouncer(false);
        assertThatThrownBy(() -> writer.announcing(announcer).apply(ID, IncidentEvent.START_POSTMORTEM,
                TransitionRequest.NONE, (current, t) -> {
                    throw new AssertionError("a refused event builds no change");
                })).isInstanceOf(IllegalTransitionException.class);

        assertThat(announcer.announced).isZero();
        assertThat(queue.head(SLACK)).isEmpty();
        assertThat(store.find(ID).orElseThrow().version()).as("nothing written").isEqualTo(1L);
    }

    private IncidentChange note(IncidentWriter announcing, String text) {
        return announcing.apply(ID, IncidentEvent.ADD_NOTE, new TransitionRequest(text), (current, accepted) ->
                new IncidentChange(current.toBuilder().build(),
                        new TimelineEntry(T0, T0, TimelineKind.NOTE, "alice", "test", text, Map.of())));
    }

    /** Every delivery in a lane, first to last, completing each. */
    private List<String> drain(Lane lane) {
        List<String> texts = new ArrayList<>();
        for (Queued head = queue.head(lane).orElse(null); head != null; head = queue.head(lane).orElse(null)) {
            texts.add(head.delivery().messages().get(0).text());
            queue.complete(lane, head.id(), List.of(), T0);
        }
        return texts;
    }

    private void declareInvestigating() {
        Incident incident = Incident.builder(ID, IncidentState.INVESTIGATING, Severity.SEV2, T0)
                .title("ConnectMe login failures").service("connectme").region("eu-west").nodes(List.of("node-3"))
                .roles(Map.of(Role.COMMANDER, "alice")).channel("inc-1-connectme-login-failures").declaredBy("alice")
                .detectedAt(T0.minusSeconds(300))
                .build();
        assertThat(store.create(incident, List.of(new TimelineEntry(T0, T0, TimelineKind.DECLARED, "alice", "test",
                "ConnectMe login failures", Map.of("state", "INVESTIGATING"))))).isTrue();
    }
}
