package io.sitrep.integrations.chat.slack;

import java.util.Optional;

import io.sitrep.incident.Incident;
import io.sitrep.integrations.chat.ChannelNames;
import io.sitrep.integrations.chat.IncidentRoom;

/**
 * Where the core's channel names land on Slack: the stakeholder channel the core addresses by
 * its neutral name is {@code sitrep.slack.stakeholder-channel} here, and an incident's channel
 * is its room, shown as a link.
 *
 * @param neutralStakeholderChannel the name the core posts stakeholder messages to
 * @param slackStakeholderChannel   its Slack channel (an id or a name), blank when not set
 * @param escalationChannel         {@code sitrep.reminders.escalation-channel}: on Slack a channel
 *                                  id or name as given; blank when not set
 */
record SlackChannels(String neutralStakeholderChannel, String slackStakeholderChannel, String escalationChannel) {

    /** Slack's limit for channel names. */
    static final int NAME_LIMIT = 80;

    Optional<String> stakeholderChannel() {
        return slackStakeholderChannel == null || slackStakeholderChannel.isBlank() ? Optional.empty()
                : Optional.of(slackStakeholderChannel.strip());
    }

    Optional<String> escalation() {
        return escalationChannel == null || escalationChannel.isBlank() ? Optional.empty()
                : Optional.of(escalationChannel.strip());
    }

    /** How deliveries stored by the previous release named these channels. */
    ChannelNames names() {
        return new ChannelNames(neutralStakeholderChannel, escalationChannel);
    }

    /** Escaped for Slack, with {@code #inc-7-…} turned into a link to the incident's Slack channel. */
    String slackText(String coreText, Incident incident, Optional<IncidentRoom> room) {
        String text = SlackText.escape(coreText);
        if (room.isPresent() && incident.channel() != null) {
            text = text.replace("#" + incident.channel(), "<#" + room.get().channelId() + ">");
        }
        return text;
    }

    /**
     * A caller's answer as it should read on Slack: the stakeholder channel the core names by its
     * neutral name ({@code #stakeholders}) is the Slack channel the posts really go to — a link
     * when it is configured by id — or says that none is configured here.
     */
    String callerText(String escapedText) {
        String neutral = "#" + neutralStakeholderChannel;
        if (neutralStakeholderChannel == null || neutralStakeholderChannel.isBlank() || !escapedText.contains(neutral)) {
            return escapedText;
        }
        String where = stakeholderChannel()
                .map(c -> SLACK_ID.matcher(c).matches() ? "<#" + c + ">" : "#" + c.replaceFirst("^#", ""))
                .orElse(neutral + " (no Slack channel: set sitrep.slack.stakeholder-channel)");
        return escapedText.replace(neutral, where);
    }

    /** Slack channel ids: {@code C0123ABCD}, {@code G…} for older private ones. */
    private static final java.util.regex.Pattern SLACK_ID = java.util.regex.Pattern.compile("[CG][A-Z0-9]{6,}");

    /** {@code base} with {@code suffix}, cutting the base so the name stays within Slack's limit. */
    static String withSuffix(String base, String suffix) {
        String cut = base.length() + suffix.length() > NAME_LIMIT ? base.substring(0, NAME_LIMIT - suffix.length()) : base;
        return cut.replaceAll("-+$", "") + suffix;
    }
}
