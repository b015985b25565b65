package io.sitrep.integrations.chat.discord;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;

import io.sitrep.integrations.chat.RefusedDelivery;

/** The one guild Sitrep posts in, once the Discord session is connected. */
final class DiscordGuild {

    private static final Logger log = LoggerFactory.getLogger(DiscordGuild.class);

    private final JDA jda;
    private final String guildId;
    private final DiscordRest rest;
    private final boolean validGuildId;

    DiscordGuild(JDA jda, String guildId, DiscordRest rest) {
        this.jda = jda;
        this.guildId = guildId;
        this.rest = rest;
        this.validGuildId = DiscordConnector.isSnowflake(guildId);
    }

    /**
     * The guild. While the session connects or reconnects (start-up, a network blip) this waits,
     * with the retry policy's backoff, and past that throws {@link DiscordRest.Passing}: the
     * delivery is postponed. A connected session without the guild means Sitrep is not in it.
     *
     * @throws RefusedDelivery when Sitrep is not in the guild
     */
    Guild connected() {
        Guild guild = null;
        if (validGuildId) {
            try {
                guild = rest.attempt("reach the Discord guild " + guildId, () -> {
                    Guild found = jda.getGuildById(guildId);
                    if (found == null && jda.getStatus() != JDA.Status.CONNECTED) {
                        throw new NotConnected(jda.getStatus());
                    }
                    return found;
                });
            } catch (DiscordRest.Refused e) {
                log.warn(e.getMessage());
            }
        }
        if (guild == null) {
            log.warn("Sitrep is not in the Discord guild '{}'; the posts were not sent", guildId);
            throw new RefusedDelivery("Sitrep is not in the Discord guild " + guildId);
        }
        return guild;
    }

    /** The session is not (yet, or again) connected: worth waiting for, unlike a refusal. */
    private static final class NotConnected extends RuntimeException {
        NotConnected(JDA.Status status) {
            super("the Discord session is " + status);
        }
    }
}
