package io.sitrep.integrations.chat.slack;

import java.util.Map;
import java.util.Optional;

import com.slack.api.model.Message;

/**
 * What a delivery's post carries as Slack message metadata: the delivery's id and which of its
 * posts it is (a message's index, or {@link #CARD}). Slack has no idempotency key for a post;
 * this is what a later try reads back from the channel's history to tell whether an earlier
 * try's post got in.
 */
record PostMark(String delivery, String post) {

    static final String EVENT_TYPE = "sitrep_delivery";
    /** The incident card a delivery posts in the room, before its messages. */
    static final String CARD = "card";

    Message.Metadata metadata() {
        return Message.Metadata.builder().eventType(EVENT_TYPE)
                .eventPayload(Map.of("delivery", delivery, "post", post)).build();
    }

    /** The mark a message carries; empty for a message without one (someone else's, or posted before marks). */
    static Optional<PostMark> of(Message.Metadata metadata) {
        if (metadata == null || !EVENT_TYPE.equals(metadata.getEventType()) || metadata.getEventPayload() == null) {
            return Optional.empty();
        }
        Object delivery = metadata.getEventPayload().get("delivery");
        Object post = metadata.getEventPayload().get("post");
        return delivery instanceof String d && post instanceof String p ? Optional.of(new PostMark(d, p)) : Optional.empty();
    }
}
