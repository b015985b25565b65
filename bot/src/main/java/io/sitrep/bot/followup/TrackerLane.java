package io.sitrep.bot.followup;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sitrep.incident.FollowUp;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.ChatGateway;
import io.sitrep.integrations.chat.Delivery;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.DeliveryResult;
import io.sitrep.integrations.chat.DeliverySteps;
import io.sitrep.integrations.chat.PostponedDelivery;

/**
 * The delivery lane that makes each follow-up's issue ({@code github}, {@code jira}): no chat platform, it
 * takes the messages {@link FollowUpTracking} queued with the change that added a follow-up.
 * Each is made at most once: a follow-up linked already is skipped, and before making one the
 * tracker is searched for the issue an earlier try made (its answer lost, its replica gone). The
 * link is recorded on the incident with a timeline entry; a failure to record it postpones the
 * delivery, whose retry finds the issue and records it then.
 */
public final class TrackerLane implements ChatGateway {

    /** The lane of GitHub issues. */
    public static final String GITHUB = GitHubIssues.KIND;
    /** The lane of Jira issues. */
    public static final String JIRA = JiraIssues.KIND;

    private static final Logger log = LoggerFactory.getLogger(TrackerLane.class);

    private final IssueTracker tracker;
    private final IncidentStore store;
    private final IncidentWriter writer;
    private final Clock clock;

    /** The lane of the GitHub repository {@code settings} names. */
    public static TrackerLane github(io.sitrep.config.FollowUpSettings settings, IncidentStore store,
                                     IncidentWriter writer, Clock clock) {
        return new TrackerLane(new GitHubIssues(settings.github(), clock), store, writer, clock);
    }

    TrackerLane(IssueTracker tracker, IncidentStore store, IncidentWriter writer, Clock clock) {
        this.tracker = tracker;
        this.store = store;
        this.writer = writer;
        this.clock = clock;
    }

    /** The lane of the Jira project {@code settings} names. */
    public static TrackerLane jira(io.sitrep.config.FollowUpSettings settings, IncidentStore store,
                                   IncidentWriter writer, Clock clock) {
        return new TrackerLane(new JiraIssues(settings.jira(), clock), store, writer, clock);
    }

    @Override
    public String platform() {
        return tracker.kind();
    }

    @Override
    public boolean chat() {
        return false;
    }

    @Override
    public DeliveryResult deliver(Delivery delivery, DeliverySteps steps) {
        List<String> failures = new ArrayList<>();
        List<DeliveryMessage> messages = delivery.messages();
        for (int step = 0; step < messages.size(); step++) {
            if (!(messages.get(step).audience() instanceof Audience.Pager to) || !to.method().equals(platform())
                    || steps.done(step)) {
                continue;
            }
            Optional<FollowUpRef> ref = FollowUpRef.tryParse(to.address());
            try {
                ref.ifPresent(this::track);
            } catch (PostponedDelivery passing) {
                return passing.asResult();
            } catch (IssueTracker.Refused refused) {
                failures.add("the issue of " + ref.get() + ": " + refused.getMessage());
                log.warn("No issue for {}: {}", ref.get(), refused.getMessage());
            }
            steps.markDone(step);
        }
        return new DeliveryResult.Delivered(failures);
    }

    private void track(FollowUpRef ref) {
        Incident incident = store.find(ref.incident()).orElse(null);
        FollowUp action = incident == null ? null : incident.postmortem().action(ref.number()).orElse(null);
        if (action == null || action.tracker() != null) {
            return; // gone, or linked by an earlier try
        }
        FollowUp.Tracker issue = tracker.find(ref).orElseGet(() -> tracker.create(ref, incident, action));
        try {
            writer.update(ref.incident(), current -> FollowUpChanges.linked(current, ref.number(), issue,
                    clock.instant()));
        } catch (RuntimeException e) {
            throw new PostponedDelivery(issue.key() + " made for " + ref + " but not recorded yet (" + e.getMessage()
                    + ")", null);
        }
    }
}
