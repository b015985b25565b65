package io.sitrep.bot.followup;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.sitrep.incident.FollowUp;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentChange;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;

/**
 * The changes a follow-up goes through, each with its timeline entry: its status set (by a
 * command, or by its issue closed or reopened in a tracker) and its issue linked. A change that
 * changes nothing is no change, so a webhook delivered twice writes once.
 */
public final class FollowUpChanges {

    private FollowUpChanges() {
    }

    /**
     * @param actor  who set it: a person's name, or the tracker ({@code github})
     * @param source where: the platform typed on, or the tracker
     */
    public static Optional<IncidentChange> status(Incident current, int number, FollowUp.Status to, String actor,
                                                  String source, String note, Instant now) {
        FollowUp action = current.postmortem().action(number).orElse(null);
        if (action == null || action.status() == to) {
            return Optional.empty();
        }
        String id = action.id(current.id());
        String text = id + " " + verb(to) + " by " + actor + (note == null || note.isBlank() ? "" : ": " + note);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("followup", id);
        data.put("status", to.word());
        data.put("was", action.status().word());
        Incident next = current.toBuilder()
                .postmortem(current.postmortem().withActionChanged(action.withStatus(to, now))).build();
        return Optional.of(new IncidentChange(next, List.of(new TimelineEntry(now, now, TimelineKind.FOLLOW_UP, actor,
                source, text, data))));
    }

    /** Records the issue that tracks follow-up {@code number}; empty when it has one already. */
    public static Optional<IncidentChange> linked(Incident current, int number, FollowUp.Tracker issue, Instant now) {
        FollowUp action = current.postmortem().action(number).orElse(null);
        if (action == null || action.tracker() != null) {
            return Optional.empty();
        }
        String id = action.id(current.id());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("followup", id);
        data.put("tracker", issue.kind());
        data.put("key", issue.key());
        data.put("url", issue.url());
        Incident next = current.toBuilder()
                .postmortem(current.postmortem().withActionChanged(action.trackedBy(issue))).build();
        return Optional.of(new IncidentChange(next, List.of(new TimelineEntry(now, now, TimelineKind.FOLLOW_UP,
                "sitrep", issue.kind(), id + " linked to " + issue.key() + " " + issue.url(), data))));
    }

    private static String verb(FollowUp.Status status) {
        return switch (status) {
            case OPEN -> "reopened";
            case DONE -> "done";
            case DROPPED -> "dropped";
        };
    }
}
