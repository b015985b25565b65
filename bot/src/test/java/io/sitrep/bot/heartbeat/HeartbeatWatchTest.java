package io.sitrep.bot.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.Watcher;
import io.sitrep.incident.paging.Page;

/** Silences on a real Redis: one incident and one page per silence, whoever watches and however often they start. */
class HeartbeatWatchTest {

    private final HeartbeatRig rig = new HeartbeatRig();

    @Test
    void twoReplicasAndARestartOpenOneIncidentWithOnePageForOneSilence() throws Exception {
        HeartbeatWatch first = rig.replica();
        HeartbeatWatch second = rig.replica();
        Instant beat = rig.clock.instant();
        rig.desk().beat("backups");

        rig.clock.advance(Duration.ofMinutes(6));
        assertThat(first.tick()).as("at the deadline itself, not yet overdue").isEmpty();
        rig.clock.advance(Duration.ofSeconds(1));
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<List<Incident>> one = CompletableFuture.supplyAsync(() -> await(go, first));
        CompletableFuture<List<Incident>> other = CompletableFuture.supplyAsync(() -> await(go, second));
        go.countDown();
        assertThat(one.get().size() + other.get().size()).isEqualTo(1);
        // A restart: new watches, the lease passed on, the silence still going.
        rig.clock.advance(Duration.ofMinutes(10));
        assertThat(rig.leaseHolder().tick()).isEmpty();
        assertThat(rig.leaseHolder().tick()).isEmpty();

        assertThat(rig.incidents()).singleElement().satisfies(incident -> {
            assertThat(incident.title()).isEqualTo("Monitoring has gone quiet: heartbeat backups missed");
            assertThat(incident.state()).isEqualTo(IncidentState.TRIAGE);
            assertThat(incident.detectedAt()).isEqualTo(beat.plus(Duration.ofMinutes(5)));
            assertThat(incident.paging().pages()).singleElement().satisfies(page -> {
                assertThat(page.id()).isEqualTo("P1");
                assertThat(page.policy()).isEqualTo("platform");
                assertThat(page.requestedBy()).isEqualTo("heartbeat");
                assertThat(page.live()).isTrue();
                assertThat(page.dueAt()).isEqualTo(beat.plus(Duration.ofMinutes(6)).plusSeconds(1));
                assertThat(page.reason()).isEqualTo("heartbeat backups missed: last beat 2026-02-26 09:00 UTC, "
                        + "expected every 5m");
            });
            TimelineEntry declared = rig.store.timeline(incident.id()).get(0);
            assertThat(declared.kind()).isEqualTo(TimelineKind.DECLARED);
            assertThat(declared.source()).isEqualTo(Watcher.HEARTBEAT.wireName());
            assertThat(declared.data()).containsEntry("heartbeat", "backups").containsEntry("policy", "platform");
        });
        assertThat(rig.posted).extracting(m -> m.text()).anyMatch(t -> t.contains(
                "opened in TRIAGE: Monitoring has gone quiet: heartbeat backups missed"));
    }

    @Test
    void beatsBeforeTheDeadlineOpenNothing() {
        HeartbeatWatch watch = rig.replica();
        for (int i = 0; i < 5; i++) {
            rig.desk().beat("backups");
            rig.clock.advance(Duration.ofMinutes(5).plusSeconds(59));
            assertThat(watch.tick()).isEmpty();
        }

        assertThat(rig.incidents()).isEmpty();
    }

    @Test
    void aBeatAfterTheDeadlineIsRecordedOnTheIncidentAndTheNextSilenceOpensAnother() {
        HeartbeatWatch watch = rig.replica();
        rig.desk().beat("backups");
        rig.clock.advance(Duration.ofMinutes(6).plusSeconds(1));
        Incident first = watch.tick().get(0);

        rig.clock.advance(Duration.ofMinutes(3));
        Instant back = rig.clock.instant();
        assertThat(rig.desk().beat("backups")).contains(back.plus(Duration.ofMinutes(5)));

        assertThat(rig.store.timeline(first.id())).filteredOn(e -> e.kind() == TimelineKind.NOTE).singleElement()
                .satisfies(e -> {
                    assertThat(e.text()).isEqualTo("heartbeat backups is back after 9m");
                    assertThat(e.source()).isEqualTo("heartbeat");
                });
        Incident after = rig.store.find(first.id()).orElseThrow();
        assertThat(after.state()).as("a person decides it is over").isEqualTo(IncidentState.TRIAGE);
        assertThat(after.paging().pages()).hasSize(1);
        assertThat(rig.heartbeats.read().silences()).isEmpty();
        assertThat(watch.tick()).isEmpty();

        rig.clock.advance(Duration.ofMinutes(6).plusSeconds(1));
        List<Incident> again = watch.tick();

        assertThat(again).singleElement().satisfies(i -> assertThat(i.id()).isNotEqualTo(first.id()));
        assertThat(rig.incidents()).hasSize(2);
    }

    @Test
    void aBeatWhileTheIncidentIsBeingOpenedIsToldOnItAtOnce() {
        HeartbeatWatch watch = rig.replica();
        rig.desk().beat("backups");
        rig.clock.advance(Duration.ofMinutes(6).plusSeconds(1));
        rig.meanwhile.set(() -> rig.desk().beat("backups"));

        Incident opened = watch.tick().get(0);

        assertThat(rig.store.timeline(opened.id())).filteredOn(e -> e.kind() == TimelineKind.NOTE).extracting(
                TimelineEntry::text).containsExactly("heartbeat backups is back after 6m");
        assertThat(rig.heartbeats.read().silences()).as("the next silence is a new one").isEmpty();
        rig.clock.advance(Duration.ofMinutes(3));
        assertThat(watch.tick()).isEmpty();
    }

    @Test
    void aHeartbeatNeverSeenCountsFromTheFirstStartNotFromARestart() {
        Instant firstStart = rig.clock.instant();
        assertThat(rig.replica().tick()).isEmpty();

        rig.clock.advance(Duration.ofMinutes(4));
        HeartbeatWatch restarted = rig.leaseHolder();
        assertThat(restarted.tick()).isEmpty();
        rig.clock.advance(Duration.ofMinutes(2).plusSeconds(1));
        List<Incident> opened = restarted.tick();

        assertThat(opened).singleElement().satisfies(incident -> {
            assertThat(incident.detectedAt()).isEqualTo(firstStart.plus(Duration.ofMinutes(5)));
            assertThat(incident.paging().pages()).extracting(Page::reason)
                    .containsExactly("heartbeat backups missed: never seen since 2026-02-26 09:00 UTC, expected every 5m");
        });
    }

    @Test
    void aClaimantThatStoppedAfterOpeningTheIncidentIsNotFollowedByASecondOne() {
        HeartbeatWatch watch = rig.replica();
        rig.desk().beat("backups");
        rig.clock.advance(Duration.ofMinutes(6).plusSeconds(1));
        Instant now = rig.clock.instant();
        // A replica claims the silence, opens its incident and stops before the marker names it.
        String dead = SilenceMarker.pending(now, "stopped-replica");
        assertThat(rig.heartbeats.claim("backups", now.minus(Duration.ofMinutes(6)), now, dead)).contains(dead);
        Incident opened = rig.incidents.open(HeartbeatRig.EXPECTED.find("backups").orElseThrow(), now, now, now);

        assertThat(watch.tick()).as("its claim is still fresh").isEmpty();
        rig.clock.advance(SilenceMarker.STALE.plusSeconds(1));
        assertThat(rig.leaseHolder().tick()).isEmpty();

        assertThat(rig.incidents()).singleElement().satisfies(i -> assertThat(i.id()).isEqualTo(opened.id()));
        assertThat(rig.heartbeats.read().silences()).containsEntry("backups", opened.id().toString());
    }

    @Test
    void aClaimantThatStoppedBeforeOpeningTheIncidentIsTakenOver() {
        rig.desk().beat("backups");
        rig.clock.advance(Duration.ofMinutes(6).plusSeconds(1));
        Instant now = rig.clock.instant();
        rig.heartbeats.claim("backups", now.minus(Duration.ofMinutes(6)), now,
                SilenceMarker.pending(now, "stopped-replica"));

        rig.clock.advance(SilenceMarker.STALE.plusSeconds(1));
        List<Incident> opened = rig.leaseHolder().tick();

        assertThat(opened).hasSize(1);
        assertThat(rig.incidents()).hasSize(1);
        assertThat(rig.heartbeats.read().silences()).containsEntry("backups", opened.get(0).id().toString());
    }

    @Test
    void anUnknownNameIsNoBeat() {
        assertThat(rig.desk().beat("nightly")).isEmpty();
        assertThat(rig.heartbeats.read().lastBeats()).isEmpty();
    }

    private static List<Incident> await(CountDownLatch go, HeartbeatWatch watch) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return watch.tick();
    }
}
