package io.sitrep.bot.status.webhook;

import java.util.List;

import io.sitrep.bot.status.StatusComponents;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentChange;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.Visibility;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.Outbox;

/**
 * The status page's subscribers hear of each public post — a stakeholder update of a public
 * incident: its first, each later one, its resolution, its published postmortem — from the
 * change that makes it, queued with that change: so each post is owed to them exactly once, and
 * never one of a private incident. Without subscribers nothing is queued.
 */
public final class PublicPosts implements Outbox.Addendum {

    private final Subscribers subscribers;

    public PublicPosts(Subscribers subscribers) {
        this.subscribers = subscribers;
    }

    @Override
    public List<DeliveryMessage> messages(Incident before, Incident after) {
        return List.of(); // a post is a timeline entry: see the change
    }

    @Override
    public List<DeliveryMessage> messages(Incident before, IncidentChange change) {
        if (change.incident().visibility() != Visibility.PUBLIC) {
            return List.of();
        }
        List<DeliveryMessage> posts = change.entries().stream()
                .filter(entry -> entry.kind() == TimelineKind.STAKEHOLDER_UPDATE).map(PublicPosts::toSubscribers).toList();
        return posts.isEmpty() || !subscribers.any() ? List.of() : posts;
    }

    private static DeliveryMessage toSubscribers(TimelineEntry post) {
        String status = String.valueOf(post.data().getOrDefault("status", "Update"));
        return new DeliveryMessage(new Audience.StatusSubscribers(status, post.at()),
                post.text() == null ? "" : StatusComponents.anonymous(post.text()));
    }
}
