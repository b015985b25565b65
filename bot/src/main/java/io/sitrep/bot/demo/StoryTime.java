package io.sitrep.bot.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.LongSupplier;

import io.sitrep.incident.ReminderPlan;
import io.sitrep.incident.store.IncidentStore;

/**
 * Moves the demo's clock from one moment of the story to the next without skipping what falls
 * due in between: it stops at each reminder, escalation or runbook nudge on the way, lets
 * Sitrep's own reminder clock send it (the jump wakes it) and waits until it has been sent and
 * shown before going on, so each appears where it belongs in the transcript and on time.
 */
final class StoryTime {

    /** Far longer than a woken reminder clock takes; reached only if it never sends. */
    private static final Duration SENT_WITHIN = Duration.ofSeconds(20);
    private static final long LOOK_EVERY_MILLIS = 20;

    private final DemoClock clock;
    private final IncidentStore store;
    private final ReminderPlan plan;
    private final LongSupplier sentSoFar;

    /** @param sentSoFar how many reminders, escalations and nudges have been sent and shown so far */
    StoryTime(DemoClock clock, IncidentStore store, ReminderPlan plan, LongSupplier sentSoFar) {
        this.clock = clock;
        this.store = store;
        this.plan = plan;
        this.sentSoFar = sentSoFar;
    }

    Instant now() {
        return clock.instant();
    }

    /**
     * To {@code moment}, by way of everything due before it.
     *
     * @throws IllegalStateException when a due reminder is not sent in time
     */
    void advanceTo(Instant moment) {
        while (true) {
            // Counted first: one sent between this and the look below is seen as progress, not missed.
            long sent = sentSoFar.getAsLong();
            Optional<Instant> due = nextDue();
            if (due.isEmpty() || due.get().isAfter(moment)) {
                break;
            }
            clock.advanceTo(due.get());
            awaitSentAfter(sent, due.get());
        }
        clock.advanceTo(moment);
    }

    /** The earliest reminder, escalation or nudge due on an open incident. */
    Optional<Instant> nextDue() {
        return store.findOpen().stream().map(plan::next).flatMap(Optional::stream).map(ReminderPlan.Due::at)
                .min(Comparator.naturalOrder());
    }

    private void awaitSentAfter(long sent, Instant due) {
        long deadline = System.nanoTime() + SENT_WITHIN.toNanos();
        while (sentSoFar.getAsLong() <= sent) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the reminder due at " + due + " was not sent within "
                        + SENT_WITHIN.toSeconds() + " s");
            }
            try {
                Thread.sleep(LOOK_EVERY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the reminder due at " + due, e);
            }
        }
    }
}
