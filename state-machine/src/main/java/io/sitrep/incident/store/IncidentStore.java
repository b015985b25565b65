package io.sitrep.incident.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.TimelineEntry;

/**
 * Where incidents and their timelines live. One port rather than an incident store and a
 * timeline store, because every change writes both in one atomic step: a state without its
 * timeline entry, or the reverse, must never be visible.
 *
 * <p>All methods may throw {@link StoreUnavailableException}.
 */
public interface IncidentStore {

    /** A fresh incident id, never handed out before. */
    IncidentId allocateId();

    /**
     * Stores a new incident (version 1) with its first timeline entries, atomically.
     *
     * @return false if an incident with that id already exists (nothing is written then)
     */
    default boolean create(Incident incident, List<TimelineEntry> entries) {
        return create(incident, entries, null);
    }

    /** The same, with what others are told of it queued in the same atomic step ({@code null}: nothing). */
    boolean create(Incident incident, List<TimelineEntry> entries, Announcement announcement);

    Optional<Incident> find(IncidentId id);

    /**
     * Replaces an incident and appends timeline entries, atomically, only if the stored version
     * is still {@code expectedVersion}: of two writers that read the same version, one wins.
     *
     * @return false if another change got there first (nothing is written then)
     */
    default boolean replace(Incident next, long expectedVersion, List<TimelineEntry> entries) {
        return replace(next, expectedVersion, entries, null);
    }

    /** The same, with what others are told of it queued in the same atomic step ({@code null}: nothing). */
    boolean replace(Incident next, long expectedVersion, List<TimelineEntry> entries, Announcement announcement);

    /** Incidents neither closed nor cancelled, by id. */
    List<Incident> findOpen();

    /** Every incident kept, in id order: a scan of them all, for pages that show the history (cache its result). */
    List<Incident> findAll();

    /** The incident whose own channel this is. */
    Optional<IncidentId> findByChannel(String channel);

    /** The whole timeline, oldest first by {@link TimelineEntry#at()}; empty for an unknown incident. */
    List<TimelineEntry> timeline(IncidentId id);

    /**
     * Asks the store to keep the reminder queue's due time of each incident it writes —
     * {@code dueAt} of the incident as written, null for none — in the change's own atomic step,
     * guarded by the incident's version as {@link ReminderQueue#schedule} is.
     *
     * @return whether it will: then nobody need write the time after the change
     */
    default boolean keepReminderTimes(Function<Incident, Instant> dueAt) {
        return false;
    }
}
