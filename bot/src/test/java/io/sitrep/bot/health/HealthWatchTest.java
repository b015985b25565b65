package io.sitrep.bot.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.sitrep.bot.command.MutableClock;
import io.sitrep.config.HealthSettings;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.CommandOutcome;
import io.sitrep.integrations.health.HealthSource;
import io.sitrep.integrations.health.HealthState;
import io.sitrep.integrations.health.Observation;
import io.sitrep.integrations.health.SourceReport;
import io.sitrep.integrations.health.Target;
import io.sitrep.integrations.health.TargetStatus;

/** The health watch on a scripted source and a clock the test moves, with the real dispatcher, lifecycle and Redis. */
@Timeout(60)
class HealthWatchTest {

    private static final Target LOGIN = new Target("login-eu", "connectme", "platform-node-7");

    private final ScriptedSource source = new ScriptedSource(LOGIN);
    private final HealthRig rig = new HealthRig(List.of(source), HealthSettings.defaults(List.of()),
            MutableClock.incidentMorning());

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void aNewStateIsAskedAgainAtOnceAndCountsWhenTheSecondAnswerAgrees() {
        rig.run("declare \"ConnectMe logins failing\" --service connectme");
        round(HealthState.HEALTHY);
        source.asked.set(0);

        assertThat(round(HealthState.DOWN, HealthState.HEALTHY)).as("a flap: the recheck disagrees").isEmpty();
        assertThat(source.asked.getAndSet(0)).as("the poll and one recheck").isEqualTo(2);
        assertThat(round(HealthState.DOWN, HealthState.DOWN)).singleElement()
                .satisfies(c -> assertThat(c.text()).isEqualTo("login-eu: HEALTHY → DOWN (connection refused)"));
        assertThat(round(HealthState.DOWN)).as("no repeat while it stays DOWN").isEmpty();
        assertThat(source.asked.get()).as("no recheck for a state already confirmed").isEqualTo(3);

        List<TimelineEntry> health = rig.entries(1, TimelineKind.HEALTH_CHANGED);
        assertThat(health).singleElement().satisfies(e -> {
            assertThat(e.source()).isEqualTo("health");
            assertThat(e.data()).containsEntry("target", "login-eu").containsEntry("to", "DOWN");
        });
        assertThat(rig.posted).singleElement().satisfies(m -> {
            assertThat(m.audience()).isEqualTo(Audience.ROOM);
            assertThat(m.text()).contains("login-eu: HEALTHY → DOWN");
        });
        assertThat(rig.store.find(new IncidentId(2))).as("covered: nothing auto-declared").isEmpty();
    }

    @Test
    void aDownTargetNobodyCoversOpensOneTriageIncident() {
        round(HealthState.DOWN);

        Incident triage = rig.store.find(new IncidentId(1)).orElseThrow();
        assertThat(triage.state()).isEqualTo(IncidentState.TRIAGE);
        assertThat(triage.title()).isEqualTo("login-eu is DOWN: connection refused");
        assertThat(triage.service()).isEqualTo("connectme");
        assertThat(triage.nodes()).containsExactly("platform-node-7");
        assertThat(rig.entries(1, TimelineKind.DECLARED).get(0).source()).isEqualTo("health");

        round(HealthState.HEALTHY, HealthState.HEALTHY);
        round(HealthState.DOWN, HealthState.DOWN);
        assertThat(rig.store.find(new IncidentId(2))).as("not again while INC-1 is open").isEmpty();
        assertThat(rig.entries(1, TimelineKind.HEALTH_CHANGED)).extracting(e -> e.data().get("to"))
                .containsExactly("HEALTHY", "DOWN");
    }

    @Test
    void aTargetWithoutServiceOrNodeIsCoveredByTheIncidentItOpened() {
        Target bare = new Target("status-page", null, null);
        ScriptedSource bareSource = new ScriptedSource(bare);
        try (HealthRig bareRig = new HealthRig(List.of(bareSource), HealthSettings.defaults(List.of()),
                MutableClock.incidentMorning())) {
            for (HealthState state : List.of(HealthState.DOWN, HealthState.HEALTHY, HealthState.DOWN)) {
                bareSource.script(state, state);
                bareRig.watch.pollOnce();
            }

            assertThat(bareRig.store.find(new IncidentId(2))).as("not a second incident while INC-1 is open").isEmpty();
            assertThat(bareRig.entries(1, TimelineKind.HEALTH_CHANGED)).extracting(e -> e.data().get("to"))
                    .containsExactly("HEALTHY", "DOWN");
        }
    }

    @Test
    void aSeverityChangeAfterAcceptingATriagedIncidentPlansFromTheAcceptance() {
        round(HealthState.DOWN); // INC-1 in TRIAGE at 09:00
        rig.clock.advance(Duration.ofHours(3));
        rig.run("accept INC-1");                          // the clock starts at 12:00
        rig.clock.advance(Duration.ofMinutes(1));
        rig.run("sev INC-1 2");

        assertThat(rig.store.find(new IncidentId(1)).orElseThrow().nextUpdateDueAt())
                .isEqualTo(rig.clock.instant().minus(Duration.ofMinutes(1)).plus(Duration.ofMinutes(15)));
    }

    @Test
    void resolvingWaitsUntilTheTargetsHaveBeenHealthyForTheWindowUnlessForced() {
        rig.run("declare \"ConnectMe logins failing\" --node platform-node-7");
        round(HealthState.DOWN);

        CommandOutcome refused = rig.handle("resolved INC-1 \"restarted the component\"");
        assertThat(refused.failure()).contains(io.sitrep.integrations.chat.CommandFailure.CONFLICT);
        assertThat(refused.error()).hasValueSatisfying(e -> assertThat(e)
                .startsWith("Can't resolve INC-1: login-eu is DOWN since 2026-02-26 09:00 UTC; its targets must be "
                        + "HEALTHY for 2m first (override with --force <reason>). Legal now: "));

        source.script(HealthState.HEALTHY);
        rig.passPolling(Duration.ofSeconds(5)); // HEALTHY since 09:00:05
        rig.passPolling(Duration.ofSeconds(119));
        assertThat(rig.handle("resolved INC-1 \"restarted the component\"").error())
                .hasValueSatisfying(e -> assertThat(e).contains("login-eu is HEALTHY since 2026-02-26 09:00 UTC"));

        rig.passPolling(Duration.ofSeconds(1));
        assertThat(rig.handle("resolved INC-1 \"restarted the component\"").ok()).isTrue();
        assertThat(rig.store.find(new IncidentId(1)).orElseThrow().state()).isEqualTo(IncidentState.RESOLVED);
    }

    @Test
    void forceOverridesTheGuardAndTheOverrideIsOnTheTimeline() {
        rig.run("declare \"ConnectMe logins failing\" --service connectme");
        round(HealthState.DOWN);

        assertThat(rig.handle("resolved INC-1 \"fixed upstream\" --force \"probe target is being decommissioned\"").ok())
                .isTrue();

        assertThat(rig.entries(1, TimelineKind.STATUS_CHANGED)).singleElement().satisfies(e ->
                assertThat(e.data()).containsEntry("force", "probe target is being decommissioned"));
    }

    @Test
    void onlyTheLeaseHolderPollsAndWhoeverTakesOverKeepsThePicture() {
        HealthSettings fast = new HealthSettings(Duration.ofMillis(100), Duration.ofSeconds(2), 2, Duration.ofMinutes(2),
                true, List.of(), null, null);
        try (HealthRig fastRig = new HealthRig(List.of(source), fast, MutableClock.incidentMorning());
             HealthWatch second = fastRig.replica()) {
            fastRig.run("declare \"ConnectMe logins failing\" --service connectme");
            source.script(HealthState.DOWN);
            assertThat(fastRig.watch.pollOnce()).hasSize(1);
            TargetStatus before = fastRig.health.statuses().get(0);

            assertThat(second.tick()).as("the lease is held").isFalse();
            assertThat(second.pollOnce()).isEmpty();
            assertThat(fastRig.watch.tick()).as("renewed by its holder").isTrue();

            // Three intervals (300 ms) without the holder renewing: the other takes over.
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(second::tick);
            fastRig.clock.advance(Duration.ofSeconds(5));
            assertThat(second.pollOnce()).as("nothing is news to the new holder").isEmpty();
            assertThat(fastRig.health.statuses().get(0)).satisfies(after -> {
                assertThat(after.state()).isEqualTo(HealthState.DOWN);
                assertThat(after.since()).as("the since survives the handover").isEqualTo(before.since());
            });
            assertThat(fastRig.watch.tick()).isFalse();
            assertThat(fastRig.entries(1, TimelineKind.HEALTH_CHANGED)).hasSize(1);
        }
    }

    @Test
    void aSourceThatHangsIsNotAnsweringOnceAndItsRecoveryIsRecordedOnce() {
        HealthSettings quick = new HealthSettings(Duration.ofSeconds(5), Duration.ofMillis(200), 2, Duration.ofMinutes(2),
                true, List.of(), null, null);
        try (HealthRig quickRig = new HealthRig(List.of(source), quick, MutableClock.incidentMorning())) {
            quickRig.run("declare \"ConnectMe logins failing\" --service connectme");
            source.script(HealthState.HEALTHY);
            quickRig.watch.pollOnce();

            source.hang = true;
            long start = System.nanoTime();
            assertThat(quickRig.watch.pollOnce()).singleElement().satisfies(c ->
                    assertThat(c.text()).isEqualTo("login-eu: HEALTHY → UNKNOWN (scripted: no answer within 1.2 s)"));
            assertThat(quickRig.watch.pollOnce()).as("still silent: nothing new").isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("each ask costs one deadline")
                    .isLessThan(Duration.ofSeconds(8));
            assertThat(quickRig.health.sourceReachability().get("scripted"))
                    .startsWith("not answering since 2026-02-26T09:00:00Z: scripted: no answer within 1.2 s");
            assertThat(quickRig.handle("health").replies().get(0).text()).contains("login-eu · UNKNOWN since");

            source.hang = false;
            assertThat(quickRig.watch.pollOnce()).singleElement().satisfies(c ->
                    assertThat(c.text()).isEqualTo("login-eu: UNKNOWN → HEALTHY (HTTP 200)"));
            assertThat(quickRig.health.sourceReachability().get("scripted")).startsWith("answered at ");
            assertThat(quickRig.entries(1, TimelineKind.HEALTH_CHANGED)).extracting(e -> e.data().get("to"))
                    .containsExactly("UNKNOWN", "HEALTHY");
        }
    }

    @Test
    void aPictureNobodyRefreshesIsNotTrusted() {
        rig.run("declare \"ConnectMe logins failing\" --service connectme");
        round(HealthState.HEALTHY);

        rig.clock.advance(Duration.ofMinutes(10)); // every replica stopped polling

        assertThat(rig.health.statuses()).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo(HealthState.UNKNOWN);
            assertThat(s.reason()).isEqualTo("not checked since 2026-02-26 09:00 UTC (no Sitrep replica is polling "
                    + "scripted; it was HEALTHY)");
        });
        assertThat(rig.handle("resolved INC-1 \"fixed\"").error())
                .hasValueSatisfying(e -> assertThat(e).contains("login-eu is UNKNOWN since 2026-02-26 09:00 UTC"));
    }

    @Test
    void aBoardWriteThatFailsIsSeenAgainNextRoundAndRecordedOnce() {
        rig.run("declare \"ConnectMe logins failing\" --service connectme");
        java.util.concurrent.atomic.AtomicBoolean redisDown = new java.util.concurrent.atomic.AtomicBoolean();
        io.sitrep.integrations.health.HealthBoard flaky = new io.sitrep.integrations.health.HealthBoard() {
            @Override
            public java.util.Map<String, TargetStatus> targets() {
                return rig.board.targets();
            }

            @Override
            public java.util.Map<String, io.sitrep.integrations.health.SourceStatus> sources() {
                return rig.board.sources();
            }

            @Override
            public boolean record(String holder, java.util.Collection<TargetStatus> changed,
                                  java.util.Collection<String> removed,
                                  java.util.Collection<io.sitrep.integrations.health.SourceStatus> sources) {
                if (redisDown.get()) {
                    throw new io.sitrep.incident.store.StoreUnavailableException("Redis is unavailable", null);
                }
                return rig.board.record(holder, changed, removed, sources);
            }
        };
        try (HealthWatch watch = new HealthWatch(List.of(source), rig.settings, rig.clock, flaky,
                new io.sitrep.integrations.redis.RedisLeaderLease(rig.redis), rig.recorder)) {
            source.script(HealthState.HEALTHY);
            watch.pollOnce();

            redisDown.set(true);
            source.script(HealthState.DOWN);
            assertThat(org.assertj.core.api.Assertions.catchThrowable(watch::pollOnce)).as("the round fails")
                    .hasRootCauseInstanceOf(io.sitrep.incident.store.StoreUnavailableException.class);
            assertThat(rig.entries(1, TimelineKind.HEALTH_CHANGED)).as("nothing told while unwritten").isEmpty();

            redisDown.set(false);
            assertThat(watch.pollOnce()).as("seen again from the board's picture").singleElement()
                    .satisfies(c -> assertThat(c.text()).isEqualTo("login-eu: HEALTHY → DOWN (connection refused)"));
            watch.pollOnce();
            assertThat(rig.entries(1, TimelineKind.HEALTH_CHANGED)).hasSize(1);
        }
    }

    /** One round of the watch, the source answering each ask with the next scripted state. */
    private List<HealthChange> round(HealthState... answers) {
        source.script(answers);
        return rig.watch.pollOnce();
    }

    /** Answers each ask (poll or recheck) with the next scripted state, then keeps repeating the last; or never. */
    static final class ScriptedSource implements HealthSource {
        private final Target target;
        private final Deque<HealthState> script = new ArrayDeque<>();
        private HealthState last = HealthState.HEALTHY;
        final AtomicInteger asked = new AtomicInteger();
        volatile boolean hang;

        ScriptedSource(Target target) {
            this.target = target;
        }

        synchronized void script(HealthState... states) {
            script.clear();
            script.addAll(List.of(states));
        }

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public List<Target> targets() {
            return List.of(target);
        }

        @Override
        public synchronized CompletableFuture<SourceReport> poll() {
            asked.incrementAndGet();
            if (hang) {
                return new CompletableFuture<>();
            }
            if (!script.isEmpty()) {
                last = script.poll();
            }
            String reason = switch (last) {
                case HEALTHY -> "HTTP 200";
                case DOWN -> "connection refused";
                default -> "scripted " + last;
            };
            return CompletableFuture.completedFuture(SourceReport.answered(List.of(new Observation(target, last, reason))));
        }
    }
}
