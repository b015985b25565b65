package io.sitrep.bot.command;

import java.util.List;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentChange;

/**
 * A change as it was written, with what it told others: the posts queued with it, in the same
 * atomic write, for the incident's channel and the stakeholders.
 */
public record Written(IncidentChange change, List<Reply.Post> told) {

    public Written {
        told = List.copyOf(told);
    }

    public Incident incident() {
        return change.incident();
    }
}
