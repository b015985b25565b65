package io.sitrep.integrations.chat.slack;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sitrep.integrations.chat.IncidentCard;
import io.sitrep.integrations.chat.IncidentRoom;

/** The incident card in its Slack channel, pinned and kept current, and the channel's topic. */
final class SlackCards {

    private static final Logger log = LoggerFactory.getLogger(SlackCards.class);
    private static final int TOPIC_LIMIT = 250;

    private final SlackWebApi api;

    SlackCards(SlackWebApi api) {
        this.api = api;
    }

    /**
     * Posts the card (and pins it) or edits it in place; sets the topic when it changed. Each
     * step fails on its own: a refused pin does not stop the topic. A card post whose outcome is
     * unknown postpones the delivery.
     *
     * @return the room as its card and topic now stand
     */
    IncidentRoom draw(IncidentRoom room, IncidentCard card, long version, DeliveryPosts posts) {
        IncidentRoom current = room;
        if (current.cardMessageId() != null && !updateCard(current, card)) {
            current = current.withCard(null, 0); // the card is gone: post a new one
        }
        if (current.cardMessageId() == null) {
            current = postCard(current, card, version, posts);
        } else {
            current = current.withCard(current.cardMessageId(), version);
        }
        String topic = truncate(card.topic(), TOPIC_LIMIT);
        if (topic.equals(current.topic())) {
            return current;
        }
        try {
            api.call("conversations.setTopic", room.channelId(),
                    c -> c.conversationsSetTopic(r -> r.channel(room.channelId()).topic(topic)));
            return current.withTopic(topic);
        } catch (SlackCallFailedException e) {
            log.warn("Could not set the topic of {} in {}: {}", card.id(), room.channelId(), e.getMessage());
            return current;
        }
    }

    /** @return false when the card no longer exists (deleted by someone) */
    private boolean updateCard(IncidentRoom room, IncidentCard card) {
        String ts = room.cardMessageId();
        try {
            api.call("chat.update", room.channelId(), c -> c.chatUpdate(r -> r.channel(room.channelId()).ts(ts)
                    .text(IncidentCardBlocks.fallback(card)).blocks(IncidentCardBlocks.render(card))));
            return true;
        } catch (SlackCallFailedException e) {
            if ("message_not_found".equals(e.error()) || "cant_update_message".equals(e.error())) {
                log.info("The card of {} in {} is gone ({}); posting a new one", card.id(), room.channelId(), e.error());
                return false;
            }
            log.warn("Could not update the card of {} in {}: {}", card.id(), room.channelId(), e.getMessage());
            return true;
        }
    }

    private IncidentRoom postCard(IncidentRoom room, IncidentCard card, long version, DeliveryPosts posts) {
        Optional<String> posted = posts.card(room.channelId(), "the card of " + card.id(),
                r -> r.text(IncidentCardBlocks.fallback(card)).blocks(IncidentCardBlocks.render(card)));
        if (posted.isEmpty()) {
            return room;
        }
        String ts = posted.get();
        try {
            api.call("pins.add", room.channelId(), c -> c.pinsAdd(r -> r.channel(room.channelId()).timestamp(ts)));
        } catch (SlackCallFailedException e) {
            // Pinned already by the earlier try that posted it, or refused: the card stands either way.
            if (!"already_pinned".equals(e.error())) {
                log.warn("Could not pin the card of {} in {}: {}", card.id(), room.channelId(), e.getMessage());
            }
        }
        return room.withCard(ts, version);
    }

    private static String truncate(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
    }
}
