package io.sitrep.bot.followup;

import java.time.Clock;
import java.util.Optional;

import io.sitrep.incident.FollowUp;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.store.IncidentStore;

/**
 * What a tracker's webhook says of an issue, applied to the follow-up it tracks: found by what
 * the issue carries (its marker, its label), or else by the issue recorded on the follow-up.
 */
final class TrackerEvents {

    private final IncidentStore store;
    private final IncidentWriter writer;
    private final Clock clock;

    TrackerEvents(IncidentStore store, IncidentWriter writer, Clock clock) {
        this.store = store;
        this.writer = writer;
        this.clock = clock;
    }

    /**
     * Sets the status of the follow-up that {@code carried} names or issue {@code key} tracks.
     *
     * @return the follow-up, empty when the issue tracks none
     */
    Optional<FollowUpRef> set(Optional<FollowUpRef> carried, String kind, String key, FollowUp.Status to, String how) {
        Optional<FollowUpRef> ref = carried.or(() -> byKey(kind, key));
        ref.ifPresent(r -> writer.update(r.incident(), current -> FollowUpChanges.status(current, r.number(), to, kind,
                kind, how, clock.instant())));
        return ref;
    }

    private Optional<FollowUpRef> byKey(String kind, String key) {
        for (Incident incident : store.findAll()) {
            for (FollowUp action : incident.postmortem().actions()) {
                if (action.tracker() != null && action.tracker().kind().equals(kind)
                        && action.tracker().key().equalsIgnoreCase(key)) {
                    return Optional.of(new FollowUpRef(incident.id(), action.number()));
                }
            }
        }
        return Optional.empty();
    }
}
