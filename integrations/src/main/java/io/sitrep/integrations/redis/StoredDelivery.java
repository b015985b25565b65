package io.sitrep.integrations.redis;

import java.time.Instant;
import java.util.List;

import io.sitrep.incident.IncidentId;
import io.sitrep.integrations.chat.Actor;
import io.sitrep.integrations.chat.ChannelRef;
import io.sitrep.integrations.chat.ChatMessage;
import io.sitrep.integrations.chat.Delivery;
import io.sitrep.integrations.chat.MessageAction;

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
            return new Entry(id, takenAt, delivery.incident().toString(), delivery.origin(), delivery.actor().name(),
                    delivery.actor().id(), delivery.opensRoom(), delivery.messages().stream().map(Message::of).toList());
        }

        Delivery delivery() {
            return new Delivery(IncidentId.parse(incident), origin, new Actor(actor, actorId),
                    messages == null ? List.of() : messages.stream().map(Message::message).toList(), opensRoom, null);
        }
    }

    record Message(String platform, String channel, String text, List<Action> actions) {

        static Message of(ChatMessage message) {
            return new Message(message.channel().platform(), message.channel().id(), message.text(),
                    message.actions().stream().map(a -> new Action(a.label(), a.commandLine())).toList());
        }

        ChatMessage message() {
            return new ChatMessage(new ChannelRef(platform, channel), text,
                    actions == null ? List.of() : actions.stream().map(a -> new MessageAction(a.label(), a.command())).toList());
        }
    }

    record Action(String label, String command) {
    }

    record Failure(String platform, Instant at, String what) {
    }
}
