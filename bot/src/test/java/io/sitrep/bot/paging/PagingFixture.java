package io.sitrep.bot.paging;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.sitrep.bot.EveryCommand;
import io.sitrep.bot.command.CommandContext;
import io.sitrep.bot.command.CommandDispatcher;
import io.sitrep.bot.command.MutableClock;
import io.sitrep.bot.notice.Notices;
import io.sitrep.bot.oncall.OnCallDesk;
import io.sitrep.bot.oncall.OnCallDirectory;
import io.sitrep.bot.oncall.OnCallFiles;
import io.sitrep.bot.oncall.OnCallLoader;
import io.sitrep.bot.oncall.OverrideStore;
import io.sitrep.bot.reminder.ReminderScheduler;
import io.sitrep.config.PermissionSettings;
import io.sitrep.config.ReminderSettings;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.ReminderIndexer;
import io.sitrep.incident.ReminderPlan;
import io.sitrep.incident.Severity;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.UpdateSchedule;
import io.sitrep.incident.lifecycle.IncidentLifecycle;
import io.sitrep.incident.lifecycle.SpringStatemachineLifecycle;
import io.sitrep.integrations.chat.Actor;
import io.sitrep.integrations.chat.ChannelRef;
import io.sitrep.integrations.chat.ChatCommand;
import io.sitrep.integrations.chat.CommandOutcome;
import io.sitrep.integrations.chat.Delivery;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.Outbox;
import io.sitrep.integrations.redis.RedisConnection;
import io.sitrep.integrations.redis.RedisIncidentStore;
import io.sitrep.integrations.redis.RedisOnCall;
import io.sitrep.integrations.redis.RedisReminderQueue;
import io.sitrep.integrations.redis.TestRedis;

/**
 * Paging as the application wires it, on a real embedded Redis and a clock the test moves: the
 * writer with the paging rule, the reminder clock stepping pages, and an outbox that records
 * every message queued with each change, page messages included.
 */
final class PagingFixture {

    static final String PEOPLE = """
            people:
              ant: { slack: U0ANT, discord: "1100000000000000001", email: ant@example.com, timezone: Europe/Berlin }
              bea: { slack: U0BEA, email: bea@example.com, webhook: https://pager.example/bea }
              carol: { slack: U0CAROL, timezone: America/New_York }
              lead: { email: lead@example.com, pagerduty: 0123456789abcdef0123456789abcdef }
              dave: { timezone: Europe/Berlin }
            """;
    /** Weekly: ant from Monday 30 November 2026 09:00 Berlin, bea from 7 December, carol from 14 December. */
    static final String SCHEDULE = """
            id: platform
            name: Platform on-call
            timezone: Europe/Berlin
            layers:
              - name: primary
                rotation: weekly
                handoff: "MON 09:00"
                start: 2026-11-30
                people: [ant, bea, carol]
            """;
    static final String POLICY = """
            id: platform
            services: [connectme, login]
            levels:
              - notify: [schedule:platform]
                escalate-after: PT5M
              - notify: [person:lead]
                escalate-after: PT10M
            repeat: 1
            """;
    private static final IncidentLifecycle LIFECYCLE = new SpringStatemachineLifecycle();
    static final ChannelRef SLACK_OPS = new ChannelRef("slack", "C0OPS");
    static final IncidentId INC_1 = new IncidentId(1);

    /** Monday 7 December 2026, 03:00 in Berlin (ant's week), unless a test starts elsewhere. */
    final MutableClock clock;
    final RedisConnection connection = TestRedis.flushed();
    final RedisIncidentStore store = new RedisIncidentStore(connection);
    final RedisReminderQueue queue = new RedisReminderQueue(connection);
    final UpdateSchedule schedule = new UpdateSchedule(ReminderSettings.defaults());
    final ReminderPlan plan = new ReminderPlan(schedule, Duration.ofMinutes(15));
    final ReminderIndexer indexer = new ReminderIndexer(plan, queue, store);
    final OnCallDesk desk;
    final PageTargets targets;
    final IncidentWriter writer;
    final PageStep step;
    /** Every message queued, in order, with the delivery it was in. */
    final List<DeliveryMessage> posted = new CopyOnWriteArrayList<>();
    final Outbox outbox;
    final CommandDispatcher dispatcher;

    PagingFixture() {
        this(List.of(), Instant.parse("2026-12-07T02:00:00Z"));
    }

    /** With {@code more} on-call files beside the standard ones, the clock starting at {@code start}. */
    PagingFixture(List<OnCallLoader.SourceFile> more, Instant start) {
        clock = MutableClock.at(start);
        List<OnCallLoader.SourceFile> files = new java.util.ArrayList<>(List.of(
                new OnCallLoader.SourceFile("people.yml", PEOPLE),
                new OnCallLoader.SourceFile("schedules/platform.yml", SCHEDULE),
                new OnCallLoader.SourceFile("policies/platform.yml", POLICY)));
        files.addAll(more);
        OnCallDirectory directory = OnCallLoader.load(files);
        if (!directory.problems().isEmpty()) {
            throw new IllegalStateException("fixture files do not load: " + directory.problems());
        }
        desk = new OnCallDesk(OnCallFiles.of(directory), new OverrideStore(new RedisOnCall(connection)), clock);
        targets = new PageTargets(desk);
        writer = new IncidentWriter(store, LIFECYCLE, indexer,
                new PagingRule(targets, Set.of(Severity.SEV1, Severity.SEV2), null, clock));
        step = new PageStep(targets, Duration.ofMinutes(5), null);
        PageNotifications addendum = new PageNotifications();
        outbox = new Outbox() {
            @Override
            public void send(Delivery delivery) {
                posted.addAll(delivery.messages());
            }

            @Override
            public IncidentWriter.Announcer announcing(DeliveryPlan plan) {
                return Outbox.super.announcing(addendum.after(plan));
            }
        };
        dispatcher = new CommandDispatcher(new CommandContext(store, writer, LIFECYCLE, schedule, clock, "stakeholders"),
                EveryCommand.standard().oncall(desk).sets(), CommandDispatcher.CommandObserver.NONE, outbox,
                new PermissionSettings(List.of()));
    }

    /** A reminder clock, as one replica runs it. */
    ReminderScheduler scheduler() {
        ReminderScheduler scheduler = new ReminderScheduler(store, writer, plan, queue, clock, new Notices(outbox),
                "sre-leads");
        scheduler.pageWith(step);
        return scheduler;
    }

    /** {@code text} typed on Slack by the user {@code id}. */
    CommandOutcome run(String text, String id) {
        return dispatcher.handle(new ChatCommand("/incident " + text, new Actor(id, id), SLACK_OPS));
    }

    CommandOutcome ok(String text, String id) {
        CommandOutcome outcome = run(text, id);
        if (!outcome.ok()) {
            throw new AssertionError(text + " failed: " + outcome.error().orElse(""));
        }
        return outcome;
    }

    Incident incident(IncidentId id) {
        return store.find(id).orElseThrow();
    }

    List<TimelineEntry> entries(IncidentId id, TimelineKind kind) {
        return store.timeline(id).stream().filter(e -> e.kind() == kind).toList();
    }
}
