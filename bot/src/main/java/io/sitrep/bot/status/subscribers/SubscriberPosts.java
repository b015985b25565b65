package io.sitrep.bot.status.subscribers;

import java.util.List;

import io.sitrep.bot.status.StatusComponents;
import io.sitrep.config.StatusSettings;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentChange;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.Visibility;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.Outbox;

/**
 * Each public post a change adds — a stakeholder update of an incident that is not private: the
 * first update, later ones, the resolution, the published postmortem — becomes one message on
 * the {@value #LANE} lane, queued with the change itself; that lane turns it into a fan-out to
 * the subscribers. The message's audience names the post ({@code INC-7@<millis>}), its text is
 * the post as the page shows it.
 */
public final class SubscriberPosts implements Outbox.Addendum {

    /** The lane of subscriber mail in the delivery queue. */
    public static final String LANE = "subscribers-email";

    private final StatusSettings settings;

    public SubscriberPosts(StatusSettings settings) {
        this.settings = settings;
    }

    @Override
    public List<DeliveryMessage> messages(Incident before, Incident after) {
        return List.of(); // the posts are the change's entries: see below
    }

    @Override
    public List<DeliveryMessage> messages(Incident before, IncidentChange change) {
        Incident incident = change.incident();
        if (incident.visibility() == Visibility.PRIVATE) {
            return List.of();
        }
        List<String> components = StatusComponents.affected(settings, incident);
        return change.entries().stream().filter(e -> e.kind() == TimelineKind.STAKEHOLDER_UPDATE)
                .map(entry -> message(incident, entry, components)).toList();
    }

    private static DeliveryMessage message(Incident incident, TimelineEntry entry, List<String> components) {
        PublicPost post = new PublicPost(incident.id().toString(), incident.title(),
                String.valueOf(entry.data().getOrDefault("status", "Update")), StatusComponents.anonymous(entry.text()),
                entry.at(), components);
        return new DeliveryMessage(new Audience.Pager(LANE, incident.id() + "@" + entry.at().toEpochMilli()), post.json());
    }
}
