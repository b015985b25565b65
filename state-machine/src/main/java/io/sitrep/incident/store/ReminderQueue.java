package io.sitrep.incident.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.sitrep.incident.IncidentId;

/**
 * When each incident's reminder clock next needs attention, shared by every Sitrep instance.
 * It is an index of the incidents (their reminder state decides), so a stale entry costs one
 * early wake-up and a missing one is restored at start-up.
 */
public interface ReminderQueue {

    /**
     * Sets when the incident next needs attention, or removes it ({@code at} null), unless a
     * newer version of the incident has already set it.
     */
    void schedule(IncidentId incident, Instant at, long version);

    /**
     * Told of a due time the incident store wrote with the change itself (see
     * {@link IncidentStore#keepReminderTimes}): nothing to write, but this replica may want to
     * know of it.
     */
    default void scheduledWithChange(IncidentId incident, Instant at) {
    }

    /**
     * Takes up to {@code max} incidents due at {@code now} for this instance alone: each is
     * hidden from the others until {@code now + lease}, after which it comes back if this
     * instance did not reschedule it (it stopped, say).
     */
    List<IncidentId> claimDue(Instant now, int max, Duration lease);

    /** The earliest time anything is due, if anything is queued. */
    Optional<Instant> earliest();

    long size();
}
