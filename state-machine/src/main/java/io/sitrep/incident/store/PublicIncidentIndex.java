package io.sitrep.incident.store;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.TimelineEntry;

/**
 * The incidents the public status page may show, kept apart from the others so that the page
 * never has to look at every incident ever stored. An incident is indexed when it is public
 * and gets its first stakeholder post, and each change of what the page shows of it (a post,
 * its state, severity or postmortem) gives it a new, higher revision. A reader remembers the
 * highest revision it has seen and asks only for what changed after it: when nothing did, that
 * is one cheap question.
 *
 * <p>All methods may throw {@link StoreUnavailableException}.
 */
public interface PublicIncidentIndex {

    /** How long a finished incident stays on the page after its last post. */
    Duration KEPT_FOR = Duration.ofDays(90);

    /** The indexed incidents whose revision is above {@code revision} (0: all), with their timelines. */
    PublicChanges changedSince(long revision);

    /**
     * The highest revision a change made through this very store was given: a reader below it
     * has not yet seen a change its own replica made, and must ask now rather than on its schedule.
     */
    long writtenHere();

    /**
     * Drops incidents the page no longer shows (finished longer than {@link #KEPT_FOR} ago), each
     * unless it changed after the revision given for it: a change that just came in keeps it.
     */
    void forget(Map<IncidentId, Long> revisions);

    /** An indexed incident as it stood at {@code revision}. */
    record Indexed(Incident incident, List<TimelineEntry> timeline, long revision) {

        public Indexed {
            timeline = List.copyOf(timeline);
        }
    }

    /** What changed, and the highest revision now known (the one asked about when nothing did). */
    record PublicChanges(long revision, List<Indexed> changed) {

        public PublicChanges {
            changed = List.copyOf(changed);
        }
    }
}
