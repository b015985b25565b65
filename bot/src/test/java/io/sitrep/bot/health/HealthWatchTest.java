package io.sitrep.bot.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.sitrep.bot.command.CommandContext;
import io.sitrep.bot.command.CommandDispatcher;
import io.sitrep.bot.command.MutableClock;
import io.sitrep.bot.notice.Notices;
import io.sitrep.bot.notice.TriageDeclarer;
import io.sitrep.bot.runbook.RunbookCatalog;
import io.sitrep.config.HealthSettings;
import io.sitrep.config.ReminderSettings;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.UpdateSchedule;
import io.sitrep.incident.lifecycle.SpringStatemachineLifecycle;
import io.sitrep.integrations.chat.Actor;
import io.sitrep.integrations.chat.ChannelRef;
import io.sitrep.integrations.chat.ChatCommand;
import io.sitrep.integrations.chat.ChatMessage;
import io.sitrep.integrations.chat.CommandOutcome;
import io.sitrep.integrations.health.HealthSource;
import io.sitrep.integrations.health.HealthState;
import io.sitrep.integrations.health.Observation;
import io.sitrep.integrations.health.Target;
import io.sitrep.integrations.redis.RedisIncidentLinks;
import io.sitrep.integrations.redis.RedisIncidentStore;
import io.sitrep.integrations.redis.TestRedis;

/** The health watch on a scripted source and a clock the test moves, with the real dispatcher and Redis. */
@Timeout(60)
class HealthWatchTest {

    private static final Target LOGIN = new Target("login-eu", "connectme", "platform-node-7");
    private static final ChannelRef OPS = new ChannelRef("console", "ops");

    private final MutableClock clock = MutableClock.incidentMorning();
    private final RedisIncidentStore store = new RedisIncidentStore(TestRedis.flushed());
    private final SpringStatemachineLifecycle lifecycle = new SpringStatemachineLifecycle();
    private final IncidentWriter writer = new IncidentWriter(store, lifecycle);
    private final UpdateSchedule schedule = new UpdateSchedule(ReminderSettings.defaults());
    private final ScriptedSource source = new ScriptedSource();
    private final List<ChatMessage> posted = new CopyOnWriteArrayList<>();
    private final RedisIncidentLinks links = new RedisIncidentLinks(TestRedis.flushed());
    private final Notices notices = new Notices(List.of((command, outcome) -> posted.addAll(outcome.replies())));
    private final HealthWatch watch = new HealthWatch(List.of(source), HealthSettings.defaults(List.of()), clock, store,
            writer, notices, new TriageDeclarer(writer, lifecycle, schedule, notices), links, (lease, holder, ttl) -> true);
    private final CommandDispatcher dispatcher = new CommandDispatcher(new CommandContext(store, writer, lifecycle,
            schedule, clock, "stakeholders", TestRedis.tempDir("exports"), watch, RunbookCatalog.load(null)));

    @AfterEach
    void stop() {
        watch.close();
    }

    @Test
    void aChangeCountsAfterTwoResultsInARowAndIsRecordedOnceOnTheCoveringIncident() {
        run("declare \"ConnectMe logins failing\" --service connectme");
        poll(HealthState.HEALTHY, "HTTP 200 in 0.1 s");

        assertThat(poll(HealthState.DOWN, "connection refused")).as("one result is not a change").isEmpty();
        assertThat(poll(HealthState.HEALTHY, "HTTP 200 in 0.1 s")).as("a flap").isEmpty();
        assertThat(poll(HealthState.DOWN, "connection refused")).isEmpty();
        assertThat(poll(HealthState.DOWN, "connection refused")).singleElement()
                .satisfies(c -> assertThat(c.text()).isEqualTo("login-eu: HEALTHY → DOWN (connection refused)"));
        assertThat(poll(HealthState.DOWN, "connection refused")).as("no repeat while it stays DOWN").isEmpty();

        List<TimelineEntry> health = entries(1, TimelineKind.HEALTH_CHANGED);
        assertThat(health).singleElement().satisfies(e -> {
            assertThat(e.source()).isEqualTo("health");
            assertThat(e.data()).containsEntry("target", "login-eu").containsEntry("to", "DOWN");
        });
        assertThat(posted).singleElement().satisfies(m -> {
            assertThat(m.channel().id()).isEqualTo("inc-1-connectme-logins-failing");
            assertThat(m.text()).contains("login-eu: HEALTHY → DOWN");
        });
        assertThat(store.find(new IncidentId(2))).as("covered: nothing auto-declared").isEmpty();
    }

    @Test
    void aDownTargetNobodyCoversOpensOneTriageIncident() {
        poll(HealthState.DOWN, "connected, but no answer within 2.0 s (hung?)");
        poll(HealthState.DOWN, "connected, but no answer within 2.0 s (hung?)");

        Incident triage = store.find(new IncidentId(1)).orElseThrow();
        assertThat(triage.state()).isEqualTo(IncidentState.TRIAGE);
        assertThat(triage.title()).isEqualTo("login-eu is DOWN: connected, but no answer within 2.0 s (hung?)");
        assertThat(triage.service()).isEqualTo("connectme");
        assertThat(triage.nodes()).containsExactly("platform-node-7");
        assertThat(entries(1, TimelineKind.DECLARED).get(0).source()).isEqualTo("health");

        poll(HealthState.HEALTHY, "HTTP 200");
        poll(HealthState.HEALTHY, "HTTP 200");
        poll(HealthState.DOWN, "connection refused");
        poll(HealthState.DOWN, "connection refused");
        assertThat(store.find(new IncidentId(2))).as("not again while INC-1 is open").isEmpty();
        assertThat(entries(1, TimelineKind.HEALTH_CHANGED)).hasSize(2);
    }

    @Test
    void aTargetWithoutServiceOrNodeIsCoveredByTheIncidentItOpened() {
        Target bare = new Target("status-page", null, null);
        ScriptedSource bareSource = new ScriptedSource(bare);
        HealthWatch bareWatch = new HealthWatch(List.of(bareSource), HealthSettings.defaults(List.of()), clock, store,
                writer, notices, new TriageDeclarer(writer, lifecycle, schedule, notices),
                links, (lease, holder, ttl) -> true);
        try {
            for (HealthState state : List.of(HealthState.DOWN, HealthState.DOWN, HealthState.HEALTHY, HealthState.HEALTHY,
                    HealthState.DOWN, HealthState.DOWN)) {
                bareSource.next = new Observation(bare, state, "probe says " + state);
                bareWatch.pollOnce();
            }
        } finally {
            bareWatch.close();
        }

        assertThat(store.find(new IncidentId(2))).as("not a second incident while INC-1 is open").isEmpty();
        assertThat(entries(1, TimelineKind.HEALTH_CHANGED)).extracting(e -> e.data().get("to"))
                .containsExactly("HEALTHY", "DOWN");
    }

    @Test
    void aSeverityChangeAfterAcceptingATriagedIncidentPlansFromTheAcceptance() {
        poll(HealthState.DOWN, "connection refused");
        poll(HealthState.DOWN, "connection refused"); // INC-1 in TRIAGE at 09:00
        clock.advance(Duration.ofHours(3));
        run("accept INC-1");                          // the clock starts at 12:00
        clock.advance(Duration.ofMinutes(1));
        run("sev INC-1 2");

        assertThat(store.find(new IncidentId(1)).orElseThrow().nextUpdateDueAt())
                .isEqualTo(clock.instant().minus(Duration.ofMinutes(1)).plus(Duration.ofMinutes(15)));
    }

    @Test
    void resolvingWaitsUntilTheTargetsHaveBeenHealthyForTheWindowUnlessForced() {
        run("declare \"ConnectMe logins failing\" --node platform-node-7");
        poll(HealthState.DOWN, "connection refused");
        poll(HealthState.DOWN, "connection refused");

        CommandOutcome refused = handle("resolved INC-1 \"restarted the component\"");
        assertThat(refused.error()).hasValueSatisfying(e -> assertThat(e)
                .contains("INC-1 can't be resolved yet: login-eu is DOWN").contains("--force"));

        clock.advance(Duration.ofSeconds(5));
        poll(HealthState.HEALTHY, "HTTP 200");
        clock.advance(Duration.ofSeconds(5));
        poll(HealthState.HEALTHY, "HTTP 200"); // HEALTHY since now
        clock.advance(Duration.ofSeconds(119));
        assertThat(handle("resolved INC-1 \"restarted the component\"").error())
                .hasValueSatisfying(e -> assertThat(e).contains("login-eu is HEALTHY since"));

        clock.advance(Duration.ofSeconds(1));
        assertThat(handle("resolved INC-1 \"restarted the component\"").ok()).isTrue();
        assertThat(store.find(new IncidentId(1)).orElseThrow().state()).isEqualTo(IncidentState.RESOLVED);
    }

    @Test
    void forceOverridesTheGuardAndTheOverrideIsOnTheTimeline() {
        run("declare \"ConnectMe logins failing\" --service connectme");
        poll(HealthState.DOWN, "connection refused");
        poll(HealthState.DOWN, "connection refused");

        assertThat(handle("resolved INC-1 \"fixed upstream\" --force \"probe target is being decommissioned\"").ok()).isTrue();

        assertThat(entries(1, TimelineKind.STATUS_CHANGED)).singleElement().satisfies(e ->
                assertThat(e.data()).containsEntry("force", "probe target is being decommissioned"));
    }

    @Test
    void onlyTheReplicaHoldingTheLeasePollsAndAnotherTakesOverWhenItStops() {
        io.sitrep.integrations.redis.RedisLeaderLease lease =
                new io.sitrep.integrations.redis.RedisLeaderLease(TestRedis.flushed());
        HealthSettings fast = new HealthSettings(Duration.ofMillis(100), Duration.ofSeconds(2), 2, Duration.ofMinutes(2),
                true, List.of(), null, null);
        HealthWatch first = new HealthWatch(List.of(source), fast, clock, store, writer, notices,
                new TriageDeclarer(writer, lifecycle, schedule, notices), links, lease);
        HealthWatch second = new HealthWatch(List.of(source), fast, clock, store, writer, notices,
                new TriageDeclarer(writer, lifecycle, schedule, notices), links, lease);
        try {
            assertThat(first.tick()).isTrue();
            assertThat(second.tick()).as("the lease is held").isFalse();
            assertThat(first.tick()).as("renewed by its holder").isTrue();

            // Three intervals (300 ms) without the holder renewing: the other takes over.
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(second::tick);
            assertThat(first.tick()).isFalse();
        } finally {
            first.close();
            second.close();
        }
    }

    @Test
    void aSourceThatHangsMakesItsTargetsUnknownAndTheWatchMovesOn() {
        source.hang = true;
        long start = System.nanoTime();

        watch.pollOnce();
        watch.pollOnce();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        assertThat(watch.statuses()).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo(HealthState.UNKNOWN);
            assertThat(s.reason()).contains("scripted did not answer in time");
        });
        assertThat(handle("health").replies().get(0).text()).contains("login-eu · UNKNOWN since");
    }

    private List<HealthChange> poll(HealthState state, String reason) {
        source.next = new Observation(LOGIN, state, reason);
        return watch.pollOnce();
    }

    private void run(String text) {
        CommandOutcome outcome = handle(text);
        assertThat(outcome.ok()).as(outcome.error().orElse("")).isTrue();
    }

    private CommandOutcome handle(String text) {
        return dispatcher.handle(new ChatCommand(text, new Actor("alice"), OPS));
    }

    private List<TimelineEntry> entries(long incident, TimelineKind kind) {
        return store.timeline(new IncidentId(incident)).stream().filter(e -> e.kind() == kind).toList();
    }

    /** Reports whatever the test set last, or never answers. */
    private static final class ScriptedSource implements HealthSource {
        private final Target target;
        volatile Observation next;
        volatile boolean hang;

        ScriptedSource() {
            this(LOGIN);
        }

        ScriptedSource(Target target) {
            this.target = target;
            this.next = new Observation(target, HealthState.HEALTHY, "HTTP 200");
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
        public CompletableFuture<List<Observation>> poll() {
            return hang ? new CompletableFuture<>() : CompletableFuture.completedFuture(new ArrayList<>(List.of(next)));
        }
    }
}
