package io.sitrep.bot.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.sitrep.bot.EveryCommand;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.sitrep.config.PermissionSettings;
import io.sitrep.config.ReminderSettings;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.ReminderIndexer;
import io.sitrep.incident.ReminderPlan;
import io.sitrep.incident.Role;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.UpdateSchedule;
import io.sitrep.incident.lifecycle.IncidentLifecycle;
import io.sitrep.incident.lifecycle.SpringStatemachineLifecycle;
import io.sitrep.integrations.chat.Actor;
import io.sitrep.integrations.chat.ChannelRef;
import io.sitrep.integrations.chat.ChatCommand;
import io.sitrep.integrations.chat.CommandFailure;
import io.sitrep.integrations.chat.CommandOutcome;
import io.sitrep.integrations.redis.RedisConnection;
import io.sitrep.integrations.redis.RedisIncidentStore;
import io.sitrep.integrations.redis.RedisReminderQueue;
import io.sitrep.integrations.redis.TestRedis;

/**
 * What a command costs on the way to its write, counted in Redis round trips on the real store
 * and wired as the application wires it (every write keeps the reminder queue in step): who
 * may run it is judged on the read the write is made from, and the incident a command names or
 * implies is looked up once.
 */
@Timeout(60)
class WritePathTest {

    private static final String COMMANDER = "alice";
    private static final String ADMIN = "adam";
    private static final IncidentLifecycle LIFECYCLE = new SpringStatemachineLifecycle();

    private RedisConnection redis;
    private RedisIncidentStore store;
    private TrapClock clock;
    private CommandDispatcher dispatcher;

    @BeforeEach
    void setUp() {
        redis = TestRedis.flushed();
        store = new RedisIncidentStore(redis);
        clock = new TrapClock(MutableClock.INCIDENT_MORNING);
        UpdateSchedule schedule = new UpdateSchedule(ReminderSettings.defaults());
        ReminderIndexer reminders = new ReminderIndexer(new ReminderPlan(schedule,
                ReminderSettings.defaults().escalateAfter()), new RedisReminderQueue(redis));
        CommandContext context = new CommandContext(store, new IncidentWriter(store, LIFECYCLE, reminders), LIFECYCLE,
                schedule, clock, "stakeholders");
        dispatcher = new CommandDispatcher(context, EveryCommand.all(), CommandDispatcher.CommandObserver.NONE, delivery -> { },
                new PermissionSettings(List.of(ADMIN)));
    }

    @Test
    void aLifecycleCommandCostsAtMostThreeRoundTripsWithItsPermissionChecked() {
        String id = declare();
        run(COMMANDER, "assign " + id + " comms @carol");

        for (String[] command : List.of(
                new String[] {COMMANDER, "identified " + id + " \"cache deadlock\""},
                new String[] {COMMANDER, "monitoring " + id + " \"restarted the component\""},
                new String[] {"carol", "update " + id + " \"watching error rates\""},
                new String[] {COMMANDER, "reopen " + id + " \"errors are back\""},
                new String[] {ADMIN, "note " + id + " \"thread dump captured\""},
                new String[] {COMMANDER, "sev " + id + " 1"})) {
            long before = redis.counter().roundTrips();

            CommandOutcome outcome = run(command[0], command[1]);

            assertThat(outcome.ok()).as(command[1] + " → " + outcome.error().orElse("ok")).isTrue();
            assertThat(redis.counter().roundTrips() - before).as(command[0] + ": " + command[1]).isLessThanOrEqualTo(3);
        }
    }

    @Test
    void aRefusalCostsOneReadAndChangesNothing() {
        String id = declare();
        Incident before = store.find(IncidentId.parse(id)).orElseThrow();
        long trips = redis.counter().roundTrips();

        CommandOutcome outcome = run("mallory", "resolved " + id + " \"not mine to say\"");

        assertThat(outcome.failure()).contains(CommandFailure.FORBIDDEN);
        assertThat(redis.counter().roundTrips() - trips).as("the read the write would have been made from").isEqualTo(1);
        assertThat(store.find(IncidentId.parse(id)).orElseThrow()).isEqualTo(before);
    }

    @Test
    void aCommanderWhoLosesTheRoleBetweenReadAndWriteIsRefusedOnTheRetry() {
        String id = declare();
        IncidentId incident = IncidentId.parse(id);
        int timeline = store.timeline(incident).size();
        // While alice's resolve is being built from what she read, the role passes to bob.
        clock.onNextRead(() -> {
            Incident read = store.find(incident).orElseThrow();
            assertThat(store.replace(read.toBuilder().role(Role.COMMANDER, "bob").build(), read.version(),
                    List.of(new TimelineEntry(read.declaredAt(), read.declaredAt(), TimelineKind.ROLE_ASSIGNED, "bob", "console",
                            "commander: bob", Map.of())))).isTrue();
        });

        long before = redis.counter().roundTrips();

        CommandOutcome outcome = run(COMMANDER, "resolved " + id + " \"rolled back\"");

        // alice's read, bob's read and write, alice's write that lost, and the read that refused her
        assertThat(redis.counter().roundTrips() - before).isEqualTo(5);

        assertThat(outcome.failure()).as(outcome.error().orElse("ok")).contains(CommandFailure.FORBIDDEN);
        assertThat(outcome.error().orElseThrow()).isEqualTo("Only the commander (bob) or an admin may resolve " + id + ".");
        Incident after = store.find(incident).orElseThrow();
        assertThat(after.state()).isEqualTo(IncidentState.INVESTIGATING);
        assertThat(after.roles()).containsEntry(Role.COMMANDER, "bob");
        assertThat(store.timeline(incident)).as("only bob's assignment was written").hasSize(timeline + 1);
    }

    @Test
    void aCommandInTheIncidentsChannelLooksTheChannelUpOnce() {
        String id = declare();
        String channel = store.find(IncidentId.parse(id)).orElseThrow().channel();

        long named = trips(COMMANDER, "status " + id, "console");
        long inChannel = trips(COMMANDER, "status", channel);
        assertThat(inChannel).as("status: the channel index, once").isEqualTo(named + 1);

        named = trips(COMMANDER, "note " + id + " one", "console");
        inChannel = trips(COMMANDER, "note two", channel);
        assertThat(inChannel).as("note: the channel index, once").isEqualTo(named + 1);

        // runbook step asks for its incident twice: to read it, then to write it
        trips(COMMANDER, "runbook " + id + " start service-degradation", "console");
        inChannel = trips(COMMANDER, "runbook step 1 done", channel);
        named = trips(COMMANDER, "runbook " + id + " step 2 done", "console");
        assertThat(inChannel).as("runbook step: the channel index, once").isEqualTo(named + 1);
    }

    @Test
    void theCommandsThatCheckNoPermissionOnAReadOfTheirOwnAreOpenToAnyone() {
        // export and health read through others (the exporter, the health view); list and help
        // name no incident. Were one of them restricted, it would need a permitted read.
        for (String name : List.of("export", "health", "list", "help")) {
            assertThat(io.sitrep.incident.command.CommandSpecs.GRAMMAR.find(name).orElseThrow().permission())
                    .as(name).isEqualTo(io.sitrep.incident.command.Permission.ANYONE);
        }
    }

    private long trips(String who, String line, String channel) {
        long before = redis.counter().roundTrips();
        CommandOutcome outcome = dispatcher.handle(new ChatCommand(line, new Actor(who), new ChannelRef("console", channel)));
        assertThat(outcome.ok()).as(line + " → " + outcome.error().orElse("ok")).isTrue();
        return redis.counter().roundTrips() - before;
    }

    private String declare() {
        return run(COMMANDER, "declare \"login failures\"").incident().orElseThrow();
    }

    private CommandOutcome run(String who, String line) {
        return dispatcher.handle(new ChatCommand(line, new Actor(who), new ChannelRef("console", "ops")));
    }

    /** A fixed clock that, once armed, runs something the next time a command reads it: mid-command. */
    private static final class TrapClock extends Clock {

        private final Instant now;
        private Runnable trap;

        TrapClock(Instant now) {
            this.now = now;
        }

        void onNextRead(Runnable action) {
            trap = action;
        }

        @Override
        public Instant instant() {
            Runnable armed = trap;
            trap = null;
            if (armed != null) {
                armed.run();
            }
            return now;
        }

        @Override
        public ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
