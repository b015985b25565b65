package io.sitrep.incident;

import java.util.Optional;
import java.util.function.Function;

import io.sitrep.incident.lifecycle.IncidentLifecycle;
import io.sitrep.incident.lifecycle.TransitionRequest;
import io.sitrep.incident.lifecycle.TransitionResult;
import io.sitrep.incident.store.Announcement;
import io.sitrep.incident.store.IncidentStore;

/**
 * Applies changes to incidents with optimistic concurrency: read, let the lifecycle decide,
 * compute the next version, and write it only if nobody else wrote in between. When somebody
 * did, the command is decided again against what they wrote, so of two conflicting commands
 * exactly one wins and the other is refused as the state now demands.
 */
public final class IncidentWriter {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(IncidentWriter.class);

    /** Enough for bursts of dozens of writers on one incident; each retry re-reads first. */
    static final int MAX_ATTEMPTS = 64;

    private final IncidentStore store;
    private final IncidentLifecycle lifecycle;
    private final WriteListener listener;
    private final Announcer announcer;
    private final Guard guard;
    private final Rule rule;

    /**
     * What every change must also do, whoever writes it: a rule the incident's own state implies
     * (a page starts with a severe declaration, ends when the incident is resolved). Applied to
     * each attempt before it is announced and written, so it is part of the same atomic change.
     */
    @FunctionalInterface
    public interface Rule {
        Rule NONE = (before, change) -> change;

        /** @param before the incident as it was, null for a declaration */
        IncidentChange apply(Incident before, IncidentChange change);
    }

    /** Told of every change written, after the write; keeps indexes such as the reminder queue. */
    @FunctionalInterface
    public interface WriteListener {
        /** @param before the incident as it was, null for a declaration */
        void written(Incident before, Incident after);
    }

    public IncidentWriter(IncidentStore store, IncidentLifecycle lifecycle) {
        this(store, lifecycle, (before, after) -> { });
    }

    public IncidentWriter(IncidentStore store, IncidentLifecycle lifecycle, WriteListener listener) {
        this(store, lifecycle, listener, Rule.NONE);
    }

    public IncidentWriter(IncidentStore store, IncidentLifecycle lifecycle, WriteListener listener, Rule rule) {
        this(store, lifecycle, listener, Announcer.NONE, Guard.NONE, rule);
    }

    private IncidentWriter(IncidentStore store, IncidentLifecycle lifecycle, WriteListener listener,
                           Announcer announcer, Guard guard, Rule rule) {
        this.rule = rule;
        this.store = store;
        this.lifecycle = lifecycle;
        this.listener = listener;
        this.announcer = announcer;
        this.guard = guard;
    }

    /**
     * Refuses a change on the incident as an attempt read it, before anything is decided or
     * built: who may change it is a property of the incident as it is, so it is checked on the
     * same read the change is made from (no read of its own, and a race lost to a new commander
     * is judged on what that commander wrote).
     */
    @FunctionalInterface
    public interface Guard {
        Guard NONE = current -> { };

        /** @throws RuntimeException to refuse the change; nothing is written */
        void check(Incident current);
    }

    /**
     * Decides what others are told of a change from the change itself, so that it is written
     * with it: asked once per attempt (a lost compare-and-set is decided again), and told after
     * the one attempt that was written.
     */
    public interface Announcer {
        Announcer NONE = new Announcer() {
            @Override
            public Announcement announce(Incident before, IncidentChange change) {
                return null;
            }

            @Override
            public void written(Incident before, IncidentChange change, Announcement announcement) {
            }
        };

        /**
         * @param before the incident as it was, null for a declaration
         * @return what to queue with the change, or null for nothing
         */
        Announcement announce(Incident before, IncidentChange change);

        /** After the change (and {@code announcement}, as returned for it) is stored. */
        void written(Incident before, IncidentChange change, Announcement announcement);
    }

    /** This writer, with what others are told of each change it writes decided by {@code announcer}. */
    public IncidentWriter announcing(Announcer announcer) {
        return new IncidentWriter(store, lifecycle, listener, announcer, guard, rule);
    }

    /** This writer, with every attempt on an existing incident first checked by {@code guard}. */
    public IncidentWriter guarded(Guard guard) {
        return new IncidentWriter(store, lifecycle, listener, announcer, guard, rule);
    }

    /** Builds the change an accepted event makes to the incident as it is now. */
    @FunctionalInterface
    public interface ChangeBuilder {
        IncidentChange build(Incident current, TransitionResult.Accepted transition);
    }

    public IncidentChange apply(IncidentId id, IncidentEvent event, TransitionRequest request, ChangeBuilder builder) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Incident current = store.find(id).orElseThrow(() -> new IncidentNotFoundException(id));
            guard.check(current);
            TransitionResult result = lifecycle.fire(current, event, request);
            if (!(result instanceof TransitionResult.Accepted accepted)) {
                String reason = result instanceof TransitionResult.Denied denied ? denied.reason() : null;
                throw new IllegalTransitionException(id, current.state(), event, reason,
                        lifecycle.legalEvents(current.state()));
            }
            IncidentChange change = builder.build(current, accepted);
            if (change.incident().version() != current.version() + 1) {
                throw new IllegalStateException("a change must produce the next version");
            }
            IncidentChange written = write(current, change);
            if (written != null) {
                return written;
            }
        }
        throw new ConcurrentChangeException(id, MAX_ATTEMPTS);
    }

    /**
     * A change Sitrep makes itself (a reminder, say), outside the lifecycle's events: {@code decide}
     * looks at the incident as it is now and returns the change, or nothing when there is nothing
     * to do. Decided again if another writer got in first, so it happens at most once.
     */
    public Optional<IncidentChange> update(IncidentId id, Function<Incident, Optional<IncidentChange>> decide) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<Incident> found = store.find(id);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Incident current = found.get();
            guard.check(current);
            Optional<IncidentChange> change = decide.apply(current);
            if (change.isEmpty()) {
                return change;
            }
            if (change.get().incident().version() != current.version() + 1) {
                throw new IllegalStateException("a change must produce the next version");
            }
            IncidentChange written = write(current, change.get());
            if (written != null) {
                return Optional.of(written);
            }
        }
        throw new ConcurrentChangeException(id, MAX_ATTEMPTS);
    }

    /** Declares a new incident under a fresh id. */
    public IncidentChange declare(Function<IncidentId, IncidentChange> builder) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            IncidentId id = store.allocateId();
            IncidentChange change = builder.apply(id);
            IncidentChange written = write(null, change);
            if (written != null) {
                return written;
            }
            // The id was taken (a counter reset under existing incidents): take the next one.
        }
        throw new IllegalStateException("no free incident id after " + MAX_ATTEMPTS
                + " tries; the id counter is behind the stored incidents (a restart rebuilds it)");
    }

    /**
     * One attempt: the change, with what the rule adds, and its announcement in one atomic step;
     * null if another writer got there first.
     */
    private IncidentChange write(Incident current, IncidentChange proposed) {
        IncidentChange change = rule.apply(current, proposed);
        Announcement announcement = announcer.announce(current, change);
        boolean written = current == null ? store.create(change.incident(), change.entries(), announcement)
                : store.replace(change.incident(), current.version(), change.entries(), announcement);
        if (written) {
            try {
                listener.written(current, change.incident());
            } catch (RuntimeException e) {
                // The change and its posts are stored: failing now would have the caller try it again.
                // The listener keeps indexes that heal from the records (the reminder queue is rebuilt).
                log.warn("An index of {} was not updated: {}", change.incident().id(), e.getMessage());
            }
            announcer.written(current, change, announcement);
        }
        return written ? change : null;
    }
}
