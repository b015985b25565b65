package io.sitrep.bot.followup;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.sitrep.incident.FollowUp;
import io.sitrep.incident.Incident;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.Outbox;

/**
 * Queues each new follow-up for its tracker's lane, in the same write that adds it: a follow-up
 * is never stored without the delivery that makes its issue, whatever becomes of this replica.
 */
public final class FollowUpTracking implements Outbox.Addendum {

    private final String lane;

    /** @param lane the tracker's lane: {@code github} */
    public FollowUpTracking(String lane) {
        this.lane = lane;
    }

    @Override
    public List<DeliveryMessage> messages(Incident before, Incident after) {
        Set<Integer> known = before == null ? Set.of() : before.postmortem().actions().stream()
                .map(FollowUp::number).collect(Collectors.toSet());
        return after.postmortem().actions().stream()
                .filter(action -> !known.contains(action.number()) && action.tracker() == null)
                .map(action -> new DeliveryMessage(new Audience.Pager(lane, action.id(after.id())),
                        "Track " + action.id(after.id()) + ": " + action.text()))
                .toList();
    }
}
