package io.sitrep.bot.reminder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sitrep.bot.notice.Notices;
import io.sitrep.bot.paging.PageStep;
import io.sitrep.bot.selfcheck.LoopProgress;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentChange;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.ReminderPlan;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.Watcher;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.incident.store.ReminderQueue;
import io.sitrep.integrations.chat.Audience;

/**
 * Sends reminders and escalations when they fall due. Every instance sleeps until the earliest
 * time in the shared queue — woken sooner when it writes an earlier one, and looking again at
 * least every look interval for earlier times other instances wrote — so an idle instance costs
 * Redis one read per look, not a poll several times a second. Each due incident is claimed by
 * one instance (a Lua script), and the reminder is recorded with a compare-and-set on the incident, so even two instances holding
 * the same incident record it once, and only the one that recorded it posts it. After
 * downtime, what fell due is sent once, late, saying so, and the clock runs on from then.
 */
public final class ReminderScheduler implements AutoCloseable {

    public static final Watcher SOURCE = Watcher.REMINDER;
    private static final Logger log = LoggerFactory.getLogger(ReminderScheduler.class);
    /** How many due incidents one claim takes; the pass claims again until fewer come back. */
    private static final int BATCH = 200;
    /** Long enough to post a claimed reminder; if this instance dies, another takes over after it. */
    private static final Duration LEASE = Duration.ofSeconds(30);
    /** Reminders handled at once; each holds one pooled Redis connection at a time. */
    private static final int WORKERS = 4;

    private final IncidentStore store;
    private final IncidentWriter writer;
    private final ReminderPlan plan;
    private final ReminderQueue queue;
    private final Clock clock;
    private final Notices notices;
    private final String escalationChannel;
    private final ExecutorService workers;
    private final ReminderObserver observer;
    /** Null where nobody can be paged (no on-call files). */
    private volatile PageStep pages;
    private volatile LoopProgress progress = LoopProgress.unwatched("reminders");
    private ExecutorService timer;

    /** Told of every reminder, escalation and nudge sent, and how late it went (for metrics). */
    @FunctionalInterface
    public interface ReminderObserver {
        ReminderObserver NONE = late -> { };

        void sent(Duration late);
    }

    public ReminderScheduler(IncidentStore store, IncidentWriter writer, ReminderPlan plan, ReminderQueue queue,
                             Clock clock, Notices notices, String escalationChannel) {
        this(store, writer, plan, queue, clock, notices, escalationChannel, ReminderObserver.NONE);
    }

    public ReminderScheduler(IncidentStore store, IncidentWriter writer, ReminderPlan plan, ReminderQueue queue,
                             Clock clock, Notices notices, String escalationChannel, ReminderObserver observer) {
        this.observer = observer;
        this.store = store;
        this.writer = writer;
        this.plan = plan;
        this.queue = queue;
        this.clock = clock;
        this.notices = notices;
        this.escalationChannel = escalationChannel == null ? "" : escalationChannel.strip();
        this.workers = Executors.newFixedThreadPool(WORKERS, runnable -> {
            Thread thread = new Thread(runnable, "reminder-worker");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Looks at once, then at each due time and at least every {@code lookEvery}, on a thread of its own. */
    public void start(Duration lookEvery) {
        start(lookEvery, new ReminderAlarm(clock));
    }

    /** The same, woken early by {@code alarm} when this replica writes an earlier due time. */
    public synchronized void start(Duration lookEvery, ReminderAlarm alarm) {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "reminders");
            thread.setDaemon(true);
            return thread;
        });
        timer.execute(() -> keepLooking(lookEvery, alarm));
    }

    private void keepLooking(Duration lookEvery, ReminderAlarm alarm) {
        while (!Thread.currentThread().isInterrupted()) {
            List<Optional<Instant>> next = new ArrayList<>(1);
            progress.run(() -> next.add(look(alarm)));
            try {
                alarm.sleep(next.get(0), lookEvery);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * One look: when the queue's earliest time has come, everything due is sent.
     *
     * @return when the clock next needs attention, as the queue says; empty when nothing is queued or Redis is away
     */
    Optional<Instant> look(ReminderAlarm alarm) {
        alarm.looking();
        try {
            Optional<Instant> earliest = queue.earliest();
            if (earliest.isPresent() && !earliest.get().isAfter(clock.instant())) {
                runDue();
                earliest = queue.earliest();
            }
            return earliest;
        } catch (RuntimeException e) {
            log.warn("Reminder pass failed; trying again shortly: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** Pages fall due on this clock too: their notifications and escalations (set at wiring, before {@code start}). */
    public void pageWith(PageStep step) {
        this.pages = step;
    }

    /** Each pass is reported to the self-check (set at wiring, before {@code start}). */
    public void reportTo(LoopProgress loop) {
        this.progress = loop;
    }

    /**
     * One pass: everything due now is claimed and handled.
     *
     * @return how many reminders and escalations this instance sent
     */
    public int runDue() {
        int sent = 0;
        while (true) {
            Instant now = clock.instant();
            List<IncidentId> claimed = queue.claimDue(now, BATCH, LEASE);
            List<Callable<Boolean>> reminders = new ArrayList<>(claimed.size());
            for (IncidentId id : claimed) {
                reminders.add(() -> {
                    try {
                        return handle(id, now);
                    } catch (RuntimeException e) {
                        // Left claimed: the lease brings it back.
                        log.warn("Reminder for {} failed; it will be tried again: {}", id, e.getMessage());
                        return false;
                    }
                });
            }
            sent += runAll(reminders);
            if (claimed.size() < BATCH) {
                return sent;
            }
        }
    }

    /** Each reminder is a few Redis round trips; a handful in flight keeps up with thousands due at once. */
    private int runAll(List<Callable<Boolean>> reminders) {
        int sent = 0;
        try {
            for (Future<Boolean> result : workers.invokeAll(reminders)) {
                sent += Boolean.TRUE.equals(result.get()) ? 1 : 0;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            log.warn("A reminder failed: {}", e.getCause().getMessage());
        }
        return sent;
    }

    private boolean handle(IncidentId id, Instant now) {
        Optional<IncidentChange> change = writer.announcing(notices.announcing(SOURCE, this::notice)).update(id,
                current -> plan.next(current)
                .filter(due -> !due.at().isAfter(now))
                .flatMap(due -> record(current, due, now)));
        if (change.isEmpty()) {
            requeue(id);
            return false;
        }
        // The claim moved its queue entry to the lease's end; put back the real next time even
        // when the plan's next time did not change (a reminder and an escalation due together).
        Incident recorded = change.get().incident();
        queue.schedule(id, plan.next(recorded).map(ReminderPlan.Due::at).orElse(null), recorded.version());
        TimelineEntry sent = change.get().entries().get(0);
        if (sent.data().get("lateMillis") instanceof Number late) {
            observer.sent(Duration.ofMillis(late.longValue()));
        }
        return true;
    }

    private Optional<IncidentChange> record(Incident current, ReminderPlan.Due due, Instant now) {
        if (due.kind() == ReminderPlan.Kind.PAGE) {
            PageStep step = pages;
            return step != null ? step.step(current, now) : Optional.of(PageStep.unpageable(current, now));
        }
        return Optional.of(remind(current, due, now));
    }

    private IncidentChange remind(Incident current, ReminderPlan.Due due, Instant now) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("dueAt", due.at().toString());
        data.put("lateMillis", Duration.between(due.at(), now).toMillis());
        if (due.kind() == ReminderPlan.Kind.RUNBOOK_NUDGE) {
            data.put("action", "runbook-nudge");
            Incident next = current.toBuilder().reminders(current.reminders().runbookNudgedAt(now)).build();
            return new IncidentChange(next, List.of(new TimelineEntry(now, now, TimelineKind.REMINDER, "sitrep", SOURCE.wireName(),
                    ReminderTexts.runbookNudge(current, now), data)));
        }
        if (due.kind() == ReminderPlan.Kind.ESCALATION) {
            if (!escalationChannel.isEmpty()) {
                data.put("escalatedTo", escalationChannel);
            }
            Incident next = current.toBuilder().reminders(current.reminders().escalatedAt(now)).build();
            PageStep step = pages;
            if (step != null) {
                next = step.withOverdueUpdatePage(next, now).orElse(next);
            }
            return new IncidentChange(next, List.of(new TimelineEntry(now, now, TimelineKind.ESCALATION, "sitrep",
                    SOURCE.wireName(), ReminderTexts.escalation(current, escalationChannel, due.at(), now), data)));
        }
        boolean newStretch = !ReminderPlan.inOverdueStretch(current);
        Incident next = current.toBuilder().reminders(current.reminders().remindedAt(now, newStretch)).build();
        return new IncidentChange(next, List.of(new TimelineEntry(now, now, TimelineKind.REMINDER, "sitrep", SOURCE.wireName(),
                ReminderTexts.reminder(current, due.at(), now), data)));
    }

    /** Nothing was due (an early wake-up, or the incident moved on): put back its real time. */
    private void requeue(IncidentId id) {
        Optional<Incident> current = store.find(id);
        if (current.isEmpty()) {
            queue.schedule(id, null, Long.MAX_VALUE);
            return;
        }
        queue.schedule(id, plan.next(current.get()).map(ReminderPlan.Due::at).orElse(null), current.get().version());
    }

    /** To the incident's channel; an escalation also to the escalation channel. */
    private Notices.Notice notice(IncidentChange change) {
        TimelineEntry entry = change.entries().get(0);
        if (Watcher.PAGER.wireName().equals(entry.source())) {
            // A page's step: every entry to the incident's room; nobody answering at all also to escalation.
            boolean exhausted = change.entries().stream().anyMatch(e -> Boolean.TRUE.equals(e.data().get("exhausted")));
            return new Notices.Notice(change.entries().stream().map(TimelineEntry::text).toList(),
                    exhausted && !escalationChannel.isEmpty() ? List.of(Audience.ESCALATION) : List.of());
        }
        boolean escalation = entry.kind() == TimelineKind.ESCALATION && !escalationChannel.isEmpty();
        return new Notices.Notice(List.of(entry.text()),
                escalation ? List.of(Audience.ESCALATION) : List.of());
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
        workers.shutdownNow();
    }
}
