package io.sitrep.bot.reminder;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.sitrep.incident.IncidentId;
import io.sitrep.incident.store.ReminderQueue;

/**
 * The reminder queue as this replica's writes keep it: each due time written also goes to the
 * alarm, so a reminder due before the clock means to wake is sent on time, not at its next look.
 */
public final class WakingReminderQueue implements ReminderQueue {

    private final ReminderQueue queue;
    private final ReminderAlarm alarm;

    public WakingReminderQueue(ReminderQueue queue, ReminderAlarm alarm) {
        this.queue = queue;
        this.alarm = alarm;
    }

    @Override
    public void schedule(IncidentId incident, Instant at, long version) {
        queue.schedule(incident, at, version);
        if (at != null) {
            alarm.written(at);
        }
    }

    @Override
    public void scheduledWithChange(IncidentId incident, Instant at) {
        if (at != null) {
            alarm.written(at);
        }
    }

    @Override
    public List<IncidentId> claimDue(Instant now, int max, Duration lease) {
        return queue.claimDue(now, max, lease);
    }

    @Override
    public Optional<Instant> earliest() {
        return queue.earliest();
    }

    @Override
    public long size() {
        return queue.size();
    }
}
