package io.sitrep.integrations.chat.discord;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.channel.concrete.Category;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;

import io.sitrep.incident.Incident;
import io.sitrep.integrations.chat.IncidentRoom;

/**
 * Incident channels in the Discord guild: made under the incidents category, with their topic,
 * and moved under the archive category once the incident is over.
 *
 * @param archiveCategory where finished incidents' channels go; null: they stay
 */
record DiscordRooms(DiscordRest rest, String categoryName, String archiveCategory) {

    private static final Logger log = LoggerFactory.getLogger(DiscordRooms.class);

    DiscordRooms {
        archiveCategory = archiveCategory == null || archiveCategory.isBlank() ? null : archiveCategory.strip();
    }

    /**
     * Creates the channel under the category, with its topic. A retry first looks for the
     * channel an earlier try may have made before its answer was lost, so an outage does not make two.
     */
    Optional<IncidentRoom> open(Guild guild, Incident incident, String topic, DiscordRefusals refusals) {
        String name = incident.channel();
        TextChannel created;
        try {
            Category category = category(guild, categoryName);
            boolean[] retry = {false};
            created = rest.attempt("create the channel #" + name, () -> {
                Optional<TextChannel> earlier = retry[0] ? category.getTextChannels().stream()
                        .filter(c -> c.getName().equals(name)).findFirst() : Optional.empty();
                retry[0] = true;
                return earlier.orElseGet(() -> guild.createTextChannel(name, category).setTopic(topic).complete());
            });
        } catch (DiscordRest.Refused e) {
            refusals.refused(incident.id() + " is declared, but its channel could not be made", e, true);
            return Optional.empty();
        }
        log.info("{} has Discord channel #{} ({})", incident.id(), name, created.getId());
        return Optional.of(IncidentRoom.opened(DiscordConnector.PLATFORM, created.getId(), name).withTopic(topic));
    }

    /**
     * Moves a finished incident's channel under the archive category: the incidents category keeps
     * only what is live. (Making it read-only would need Manage Roles, which Sitrep does not ask
     * for; give the archive category read-only permissions in Discord and moved channels follow them.)
     *
     * @return false when there is no archive category or Discord refused
     */
    boolean archive(Guild guild, TextChannel channel) {
        if (archiveCategory == null) {
            return false;
        }
        try {
            Category archive = category(guild, archiveCategory);
            rest.call("move #" + channel.getName() + " to " + archiveCategory, () -> channel.getManager().setParent(archive));
            return true;
        } catch (DiscordRest.Refused e) {
            log.warn("Could not archive the Discord channel #{}: {}", channel.getName(), e.getMessage());
            return false;
        }
    }

    /** The category, created when missing; one at a time, so two declares make one category. */
    private Category category(Guild guild, String name) {
        synchronized (DiscordRooms.class) {
            return guild.getCategoriesByName(name, true).stream().findFirst()
                    .orElseGet(() -> rest.call("create the category " + name, () -> guild.createCategory(name)));
        }
    }
}
