package io.sitrep.integrations.chat.discord;

import java.util.List;
import java.util.Optional;

import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;

import io.sitrep.integrations.chat.ChannelNames;

/**
 * Where the core's channel names land in the Discord guild: the stakeholder channel the core
 * addresses by its neutral name is {@code sitrep.discord.stakeholder-channel} here, and the
 * escalation channel is looked up by the same name. Either may be given as a channel id or a
 * name, with or without {@code #}.
 *
 * @param neutralStakeholderChannel the name the core posts stakeholder messages to
 * @param stakeholderChannel        its Discord channel, blank when not set
 * @param escalationChannel         {@code sitrep.reminders.escalation-channel}, blank when not set
 */
record DiscordChannels(String neutralStakeholderChannel, String stakeholderChannel, String escalationChannel) {

    /** Discord's limit for a channel topic. */
    static final int TOPIC_LIMIT = 1024;

    Optional<TextChannel> stakeholders(Guild guild) {
        return find(guild, stakeholderChannel);
    }

    Optional<TextChannel> escalation(Guild guild) {
        return find(guild, escalationChannel);
    }

    /** How deliveries stored by the previous release named these channels. */
    ChannelNames names() {
        return new ChannelNames(neutralStakeholderChannel, escalationChannel);
    }

    private static Optional<TextChannel> find(Guild guild, String idOrName) {
        if (idOrName == null || idOrName.isBlank()) {
            return Optional.empty();
        }
        String wanted = idOrName.strip().replaceFirst("^#", "");
        if (wanted.chars().allMatch(Character::isDigit)) {
            return Optional.ofNullable(guild.getTextChannelById(wanted));
        }
        List<TextChannel> named = guild.getTextChannelsByName(wanted, true);
        return named.stream().findFirst();
    }
}
