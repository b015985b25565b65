package io.sitrep.bot.reminder;

import io.sitrep.bot.EveryCommand;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.sitrep.bot.command.CommandContext;
import io.sitrep.bot.command.CommandDispatcher;
import io.sitrep.bot.command.MutableClock;
import io.sitrep.bot.notice.Notices;
import io.sitrep.config.ReminderSettings;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.ReminderIndexer;
import io.sitrep.incident.ReminderPlan;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.UpdateSchedule;
import io.sitrep.incident.lifecycle.IncidentLifecycle;
import io.sitrep.incident.lifecycle.SpringStatemachineLifecycle;
import io.sitrep.integrations.chat.Actor;
import io.sitrep.integrations.chat.ChannelRef;
import io.sitrep.integrations.chat.ChatCommand;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.CommandOutcome;
import io.sitrep.integrations.redis.RedisConnection;
import io.sitrep.integrations.redis.RedisIncidentStore;
import io.sitrep.integrations.redis.RedisReminderQueue;
import io.sitrep.integrations.redis.TestRedis;

/**
 * Sitrep as the application wires it for reminders, on a real embedded Redis and a clock the
 * test moves: the dispatcher, the writer keeping the reminder queue, and schedulers that post
 * to a recording gateway.
 */
final class ReminderFixture {

    static final ReminderSettings SETTINGS = new ReminderSettings(Duration.ofMinutes(60),
            Map.of("SEV1", Duration.ofMinutes(30)), Duration.ofMinutes(15), Duration.ofMinutes(15), "sre-leads");
    private static final IncidentLifecycle LIFECYCLE = new SpringStatemachineLifecycle();
    static final ChannelRef LOBBY = new ChannelRef("console", "console");

    final MutableClock clock = MutableClock.incidentMorning();
    final RedisConnection connection = TestRedis.flushed();
    final RedisIncidentStore store = new RedisIncidentStore(connection);
    final RedisReminderQueue queue = new RedisReminderQueue(connection);
    final UpdateSchedule schedule = new UpdateSchedule(SETTINGS);
    final ReminderPlan plan = new ReminderPlan(schedule, SETTINGS.escalateAfter(), Duration.ofMinutes(15));
    /**
     * Time that runs, for a scheduler on its own thread: when the fixture is made it reads three
     * seconds before a SEV2 declared at 09:00 on the test clock owes its first update (09:15).
     */
    final Clock running = Clock.offset(Clock.systemUTC(),
            Duration.between(Instant.now(), Instant.parse("2026-02-26T09:14:57Z")));
    /** What a running scheduler sleeps on; every due time the writer keeps goes to it too. */
    final ReminderAlarm alarm = new ReminderAlarm(running);
    /** As wired: on one server the store writes each change's due time in the change's own script. */
    final ReminderIndexer indexer = new ReminderIndexer(plan, new WakingReminderQueue(queue, alarm), store);
    final IncidentWriter writer = new IncidentWriter(store, LIFECYCLE, indexer);
    final CommandDispatcher dispatcher = new CommandDispatcher(new CommandContext(store, writer, LIFECYCLE, schedule,
            clock, "stakeholders"), EveryCommand.all());
    /** Everything the schedulers posted, in order. */
    final List<DeliveryMessage> posted = new CopyOnWriteArrayList<>();
    /** The incident of each of them. */
    final List<IncidentId> postedAbout = new CopyOnWriteArrayList<>();

    /** A scheduler instance, as another Sitrep replica would run one. */
    ReminderScheduler scheduler() {
        return new ReminderScheduler(store, writer, plan, queue, clock,
                new Notices(delivery -> {
                    delivery.messages().forEach(m -> postedAbout.add(delivery.incident()));
                    posted.addAll(delivery.messages());
                }), SETTINGS.escalationChannel());
    }

    /** A scheduler on time that runs, sleeping on the fixture's alarm once started. */
    ReminderScheduler runningScheduler(RedisReminderQueue queue) {
        return new ReminderScheduler(store, writer, plan, queue, running,
                new Notices(delivery -> posted.addAll(delivery.messages())), SETTINGS.escalationChannel());
    }

    CommandOutcome run(String text) {
        CommandOutcome outcome = dispatcher.handle(new ChatCommand(text, new Actor("alice"), LOBBY));
        if (!outcome.ok()) {
            throw new AssertionError(text + " failed: " + outcome.error().orElse(""));
        }
        return outcome;
    }

    List<TimelineEntry> entries(IncidentId id, TimelineKind kind) {
        return store.timeline(id).stream().filter(e -> e.kind() == kind).toList();
    }
}
