package io.sitrep.integrations.chat.discord;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.channel.concrete.PrivateChannel;

/** A direct message with one Discord user: its channel, opened (or found, when it exists) by Discord. */
final class DiscordDirectMessages {

    private static final Logger log = LoggerFactory.getLogger(DiscordDirectMessages.class);

    private DiscordDirectMessages() {
    }

    /** The direct message channel with {@code userId}; empty when Discord refuses it (an unknown user, say). */
    static Optional<PrivateChannel> open(DiscordRest rest, JDA jda, String userId) {
        try {
            return Optional.of(rest.call("open a direct message with " + userId,
                    () -> jda.openPrivateChannelById(userId)));
        } catch (DiscordRest.Refused e) {
            log.warn("Could not open a direct message with {}: {}", userId, e.getMessage());
            return Optional.empty();
        }
    }
}
