package io.sitrep.integrations.chat;

import io.sitrep.incident.Incident;

/**
 * The channel names the core used to address messages before they had audiences: the
 * incident's channel, the stakeholder channel by its neutral name, the escalation channel as
 * configured. Deliveries queued by the previous release carry them; they are read here.
 *
 * @param stakeholders {@code sitrep.chat.stakeholder-channel}
 * @param escalation   {@code sitrep.reminders.escalation-channel} without its {@code #}; empty when not set
 */
public record ChannelNames(String stakeholders, String escalation) {

    public ChannelNames {
        stakeholders = stakeholders == null ? "" : stakeholders;
        escalation = escalation == null ? "" : escalation.strip().replaceFirst("^#", "");
    }

    /** {@code audience} itself, or what the channel it names was for {@code incident}. */
    public Audience audience(Audience audience, Incident incident) {
        if (!(audience instanceof Audience.Named named)) {
            return audience;
        }
        String channel = named.channel();
        if (channel.equals(incident.channel())) {
            return Audience.ROOM;
        }
        if (!stakeholders.isEmpty() && channel.equals(stakeholders)) {
            return Audience.STAKEHOLDERS;
        }
        if (!escalation.isEmpty() && escalation.equals(channel)) {
            return Audience.ESCALATION;
        }
        return Audience.CALLER; // the channel the command was typed in
    }
}
