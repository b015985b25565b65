package io.sitrep.integrations.chat.discord;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.requests.ErrorResponse;

import io.sitrep.integrations.chat.IncidentCard;
import io.sitrep.integrations.chat.IncidentRoom;

/** The incident card in its Discord channel, pinned and edited in place, and the channel's topic. */
final class DiscordRoomCards {

    private static final Logger log = LoggerFactory.getLogger(DiscordRoomCards.class);

    private final DiscordRest rest;

    DiscordRoomCards(DiscordRest rest) {
        this.rest = rest;
    }

    private enum CardEdit { EDITED, GONE, FAILED }

    /**
     * Posts the card (and pins it) or edits it in place; sets the topic when it changed. Each
     * step fails on its own.
     *
     * @return the room as its card and topic now stand
     */
    IncidentRoom draw(IncidentRoom room, TextChannel channel, IncidentCard card, long version, DiscordRefusals refusals) {
        IncidentRoom current = room;
        CardEdit edit = current.cardMessageId() == null ? CardEdit.GONE : edit(current, channel, card, refusals);
        switch (edit) {
            case GONE -> current = post(current.withCard(null, 0), channel, card, version, refusals);
            case EDITED -> current = current.withCard(current.cardMessageId(), version);
            case FAILED -> {
                // Left at the version it shows, so the next change draws it again.
            }
        }
        String topic = topic(card);
        if (topic.equals(current.topic())) {
            return current;
        }
        try {
            rest.call("set the topic of #" + channel.getName(), () -> channel.getManager().setTopic(topic));
            return current.withTopic(topic);
        } catch (DiscordRest.Refused e) {
            refusals.refused("The topic of " + card.id() + " is not current", e, false);
            return current;
        }
    }

    static String topic(IncidentCard card) {
        // Discord renders markdown and mentions in topics too.
        return DiscordText.truncate(DiscordText.escape(card.topic()), DiscordChannels.TOPIC_LIMIT);
    }

    private CardEdit edit(IncidentRoom room, TextChannel channel, IncidentCard card, DiscordRefusals refusals) {
        try {
            rest.call("update the card of " + card.id(),
                    () -> channel.editMessageById(room.cardMessageId(), DiscordCards.cardEdit(card)));
            return CardEdit.EDITED;
        } catch (DiscordRest.Refused e) {
            if (e.is(ErrorResponse.UNKNOWN_MESSAGE)) {
                log.info("The card of {} in {} is gone (deleted); posting a new one", card.id(), channel.getId());
                return CardEdit.GONE;
            }
            refusals.refused("The card of " + card.id() + " is not current", e, false);
            return CardEdit.FAILED;
        }
    }

    private IncidentRoom post(IncidentRoom room, TextChannel channel, IncidentCard card, long version,
                              DiscordRefusals refusals) {
        Message posted;
        try {
            String nonce = DiscordGateway.nonce();
            posted = rest.call("post the card of " + card.id(),
                    () -> channel.sendMessage(DiscordCards.card(card)).setNonce(nonce));
        } catch (DiscordRest.Refused e) {
            refusals.refused("The card of " + card.id() + " was not posted", e, false);
            return room;
        }
        try {
            rest.call("pin the card of " + card.id(), () -> channel.pinMessageById(posted.getId()));
        } catch (DiscordRest.Refused e) {
            refusals.refused("The card of " + card.id() + " was not pinned", e, false);
        }
        return room.withCard(posted.getId(), version);
    }
}
