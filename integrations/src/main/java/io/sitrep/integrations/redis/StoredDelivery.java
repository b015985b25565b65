package io.sitrep.integrations.redis;

import java.time.Instant;
import java.util.List;

import io.sitrep.incident.IncidentId;
import io.sitrep.incident.Origin;
import io.sitrep.incident.Platform;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.Delivery;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.MessageAction;
import io.sitrep.integrations.chat.PageMark;

/**
 * The stored JSON forms of the delivery queue. A delivery is kept without its caller (a live
 * request object that means nothing after a restart); the lane's progress is kept beside it, as
 * {@link io.sitrep.integrations.chat.DeliveryQueue.Progress}.
 */
final class StoredDelivery {

    private StoredDelivery() {
    }

    record Entry(String id, Instant takenAt, String incident, String origin, String actor, String actorId,
                 boolean opensRoom, List<Message> messages) {

        static Entry of(String id, Instant takenAt, Delivery delivery) {
            return new Entry(id, takenAt, delivery.incident().toString(), delivery.origin().wireName(), delivery.actor().name(),
                    delivery.actor().id(), delivery.opensRoom(), delivery.messages().stream().map(Message::of).toList());
        }

        Delivery delivery() {
            return new Delivery(IncidentId.parse(incident), Origin.read(origin, actor, actorId),
                    messages == null ? List.of() : messages.stream().map(Message::message).toList(), opensRoom, null);
        }
    }

    /**
     * One message: its audience by name ({@code room}, {@code stakeholders}, {@code escalation},
     * {@code caller}, {@code person} with {@code platform} and {@code user}, {@code pager} with the
     * method as {@code platform} and the address as {@code user}, {@code subscribers} with the post's status as {@code platform} and
     * its time as {@code user}: a release that knows no subscribers reads it as the caller's, which
     * nobody posts), and the page it belongs to.
     * What the previous release stored has no audience but the channel it named, on the platform
     * of the change.
     */
    record Message(String audience, String platform, String user, String channel, String text, List<Action> actions,
                   PageMark page) {

        static Message of(DeliveryMessage message) {
            List<Action> actions = message.actions().stream().map(a -> new Action(a.label(), a.commandLine())).toList();
            Audience to = message.audience();
            PageMark page = message.page();
            if (to instanceof Audience.Person p) {
                return new Message("person", p.platform().wireName(), p.userId(), null, message.text(), actions, page);
            }
            if (to instanceof Audience.Pager p) {
                return new Message("pager", p.method(), p.address(), null, message.text(), actions, page);
            }
            if (to instanceof Audience.StatusSubscribers s) {
                return new Message("subscribers", s.status(), s.postedAt().toString(), null, message.text(), actions, page);
            }
            if (to instanceof Audience.Named n) {
                return new Message(null, null, null, n.channel(), message.text(), actions, page);
            }
            String word = to instanceof Audience.Room ? "room" : to instanceof Audience.Stakeholders ? "stakeholders"
                    : to instanceof Audience.Escalation ? "escalation" : "caller";
            return new Message(word, null, null, null, message.text(), actions, page);
        }

        DeliveryMessage message() {
            return new DeliveryMessage(addressed(), text,
                    actions == null ? List.of() : actions.stream().map(a -> new MessageAction(a.label(), a.command())).toList(),
                    page);
        }

        private Audience addressed() {
            if (audience == null) {
                return new Audience.Named(channel);
            }
            return switch (audience) {
                case "room" -> Audience.ROOM;
                case "stakeholders" -> Audience.STAKEHOLDERS;
                case "escalation" -> Audience.ESCALATION;
                case "person" -> new Audience.Person(Platform.named(platform), user);
                case "pager" -> new Audience.Pager(platform, user);
                case "subscribers" -> new Audience.StatusSubscribers(platform, java.time.Instant.parse(user));
                default -> Audience.CALLER;
            };
        }
    }

    record Action(String label, String command) {
    }

    record Failure(String platform, Instant at, String what) {
    }
}
