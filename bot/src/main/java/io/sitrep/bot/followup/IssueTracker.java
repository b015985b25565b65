package io.sitrep.bot.followup;

import java.util.Optional;

import io.sitrep.incident.FollowUp;
import io.sitrep.incident.Incident;

/** Where follow-ups become issues: GitHub or Jira. */
interface IssueTracker {

    /** {@code github} or {@code jira}: the tracker's lane and the {@code kind} of its links. */
    String kind();

    /**
     * The issue that tracks {@code ref}, if an earlier try made one.
     *
     * @throws io.sitrep.integrations.chat.PostponedDelivery when the tracker cannot say now
     */
    Optional<FollowUp.Tracker> find(FollowUpRef ref);

    /**
     * Makes the issue.
     *
     * @throws Refused when the tracker will not make it, for good
     * @throws io.sitrep.integrations.chat.PostponedDelivery when it may later
     */
    FollowUp.Tracker create(FollowUpRef ref, Incident incident, FollowUp action);

    /** What the issue says beneath its title. */
    static String description(FollowUpRef ref, Incident incident, FollowUp action) {
        return action.text() + "\n\nFollow-up " + ref + " of " + incident.id() + " " + incident.title()
                + ".\nOwner: " + (action.owner() == null ? "none" : action.owner())
                + ". Due: " + (action.due() == null ? "none" : action.due())
                + ".\nResolving this issue marks the follow-up done in Sitrep; reopening it reopens it.";
    }

    /** The tracker will not make the issue (a project that does not exist, a field it rejects): for good. */
    final class Refused extends RuntimeException {
        Refused(String reason) {
            super(reason);
        }
    }
}
