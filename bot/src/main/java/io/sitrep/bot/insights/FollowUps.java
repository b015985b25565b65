package io.sitrep.bot.insights;

import java.time.Instant;
import java.util.List;

import io.sitrep.incident.Incident;

/**
 * Where an incident's follow-ups come from, for counting: open, overdue, done. Behind this so
 * a follow-up model with owners and due dates plugs in without the figures changing shape.
 */
@FunctionalInterface
public interface FollowUps {

    /** One follow-up as the figures need it: when it is due (null: no date) and whether it is done. */
    record FollowUp(Instant due, boolean done) {
    }

    List<FollowUp> of(Incident incident);

    /** Today's follow-ups: the postmortem's actions, plain text, each open and without a due date. */
    FollowUps POSTMORTEM_ACTIONS = incident -> incident.postmortem().actions().stream()
            .map(action -> new FollowUp(null, false)).toList();
}
