package io.sitrep.incident;

import java.time.Instant;
import java.util.Collection;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sitrep.incident.store.IncidentStore;
import io.sitrep.incident.store.ReminderQueue;

/**
 * Keeps the reminder queue in step with the incidents: with or after each write whose reminder
 * time changed (with it where the store can write both in one step), and for all open incidents
 * at start-up.
 */
public final class ReminderIndexer implements IncidentWriter.WriteListener {

    private static final Logger log = LoggerFactory.getLogger(ReminderIndexer.class);

    private final ReminderPlan plan;
    private final ReminderQueue queue;
    /** Whether the incident store writes each change's due time in the change's own step. */
    private final boolean keptByStore;

    public ReminderIndexer(ReminderPlan plan, ReminderQueue queue) {
        this.plan = plan;
        this.queue = queue;
        this.keptByStore = false;
    }

    /** Has {@code store} write the due times with the changes where it can; otherwise writes them after each. */
    public ReminderIndexer(ReminderPlan plan, ReminderQueue queue, IncidentStore store) {
        this.plan = plan;
        this.queue = queue;
        this.keptByStore = store.keepReminderTimes(this::dueAt);
    }

    @Override
    public void written(Incident before, Incident after) {
        Instant next = dueAt(after);
        if (before != null && Objects.equals(dueAt(before), next)) {
            return; // most changes (a note, a role) leave the clock alone: no extra round trip
        }
        if (keptByStore) {
            queue.scheduledWithChange(after.id(), next); // already written, with the change
            return;
        }
        try {
            queue.schedule(after.id(), next, after.version());
        } catch (RuntimeException e) {
            // The change itself is stored; the queue is healed from the incidents at start-up.
            log.warn("Could not queue the reminder time of {}: {}", after.id(), e.getMessage());
        }
    }

    /** Queues every incident's reminder time again; run at start-up. */
    public int reindex(Collection<Incident> openIncidents) {
        int queued = 0;
        for (Incident incident : openIncidents) {
            Instant next = dueAt(incident);
            queue.schedule(incident.id(), next, incident.version());
            queued += next == null ? 0 : 1;
        }
        return queued;
    }

    private Instant dueAt(Incident incident) {
        return plan.next(incident).map(ReminderPlan.Due::at).orElse(null);
    }
}
