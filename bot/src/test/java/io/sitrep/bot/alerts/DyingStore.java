package io.sitrep.bot.alerts;

import java.util.List;
import java.util.Optional;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.store.Announcement;
import io.sitrep.incident.store.IncidentStore;

/**
 * A store whose process can be made to die just before or just after its next write, as a
 * replica killed with SIGKILL does: nothing of the caller runs after that, no catch and no
 * clean-up, which an {@link Error} thrown through it stands for here.
 */
final class DyingStore implements IncidentStore {

    /** The process is gone from this point on. */
    static final class Killed extends Error {
        Killed(String when) {
            super("killed " + when);
        }
    }

    private enum Death { NONE, BEFORE_WRITE, AFTER_WRITE }

    private final IncidentStore store;
    private volatile Death death = Death.NONE;

    DyingStore(IncidentStore store) {
        this.store = store;
    }

    /** The next create or replace is never written: the process dies first. */
    void dieBeforeNextWrite() {
        death = Death.BEFORE_WRITE;
    }

    /** The next create or replace is written, then the process dies before its caller hears of it. */
    void dieAfterNextWrite() {
        death = Death.AFTER_WRITE;
    }

    @Override
    public IncidentId allocateId() {
        return store.allocateId();
    }

    @Override
    public boolean create(Incident incident, List<TimelineEntry> entries, Announcement announcement) {
        dieIf(Death.BEFORE_WRITE);
        boolean written = store.create(incident, entries, announcement);
        dieIf(Death.AFTER_WRITE);
        return written;
    }

    @Override
    public boolean replace(Incident next, long expectedVersion, List<TimelineEntry> entries,
                           Announcement announcement) {
        dieIf(Death.BEFORE_WRITE);
        boolean written = store.replace(next, expectedVersion, entries, announcement);
        dieIf(Death.AFTER_WRITE);
        return written;
    }

    private void dieIf(Death when) {
        if (death == when) {
            death = Death.NONE;
            throw new Killed(when.name().toLowerCase().replace('_', ' '));
        }
    }

    @Override
    public Optional<Incident> find(IncidentId id) {
        return store.find(id);
    }

    @Override
    public List<Incident> findOpen() {
        return store.findOpen();
    }

    @Override
    public List<Incident> findAll() {
        return store.findAll();
    }

    @Override
    public Optional<IncidentId> findByChannel(String channel) {
        return store.findByChannel(channel);
    }

    @Override
    public List<TimelineEntry> timeline(IncidentId id) {
        return store.timeline(id);
    }
}
