package io.sitrep.integrations.chat.discord;

import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.channel.concrete.PrivateChannel;

/** A direct message with one Discord user: its channel, opened (or found, when it exists) by Discord. */
final class DiscordDirectMessages {

    private DiscordDirectMessages() {
    }

    /**
     * The direct message channel with {@code userId}.
     *
     * @throws DiscordRest.Refused when Discord refuses it for good (an unknown user, say)
     */
    static PrivateChannel open(DiscordRest rest, JDA jda, String userId) {
        return rest.call("open a direct message with " + userId, () -> jda.openPrivateChannelById(userId));
    }
}
