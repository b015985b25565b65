package io.sitrep.integrations.chat.discord;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

import io.sitrep.incident.Incident;
import io.sitrep.incident.Platform;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.DeliverySteps;
import io.sitrep.integrations.chat.IncidentCard;
import io.sitrep.integrations.chat.IncidentRoom;
import io.sitrep.integrations.chat.RoomPlatform;
import io.sitrep.integrations.chat.RoomPlatform.Posted;

/**
 * One try at one delivery in the guild. Each post's nonce is the same on every try of that
 * message, so Discord keeps one if an earlier try got through.
 */
final class DiscordSending implements RoomPlatform.Sending {

    private static final Logger log = LoggerFactory.getLogger(DiscordSending.class);

    /** What every try uses: the REST calls, the configured channels, the rooms and their cards. */
    record Tools(DiscordRest rest, DiscordChannels channels, DiscordRooms rooms, DiscordRoomCards cards) {
    }

    private final Tools tools;
    private final Guild guild;
    private final DeliverySteps steps;
    private final DiscordRefusals refusals;
    private final boolean reminder;
    private final List<String> failures = new ArrayList<>();
    /** Looked up once a try; null until then. */
    private Optional<TextChannel> roomChannel;

    DiscordSending(Tools tools, Guild guild, DeliverySteps steps, DiscordRefusals refusals, boolean reminder) {
        this.tools = tools;
        this.guild = guild;
        this.steps = steps;
        this.refusals = refusals;
        this.reminder = reminder;
    }

    @Override
    public Optional<IncidentRoom> openRoom(Incident incident) {
        return tools.rooms().open(guild, incident, DiscordRoomCards.topic(IncidentCard.of(incident, Set.of())), refusals);
    }

    @Override
    public IncidentRoom drawCard(IncidentRoom room, IncidentCard card, long version) {
        return channel(room).map(channel -> tools.cards().draw(room, channel, card, version, refusals)).orElse(room);
    }

    @Override
    public Posted post(int step, Audience audience, DeliveryMessage message, Incident incident,
                       Optional<IncidentRoom> room) {
        Optional<TextChannel> inRoom = room.flatMap(this::channel);
        String text = DiscordText.withChannelLink(message.text(), incident.channel(),
                inRoom.map(TextChannel::getId).orElse(null));
        Optional<? extends MessageChannel> channel;
        MessageCreateData post = DiscordCards.message(text, List.of());
        if (audience instanceof Audience.Room) {
            channel = inRoom;
            post = reminder ? DiscordCards.reminder(text, incident.id().toString())
                    : DiscordCards.message(text, message.actions());
        } else if (audience instanceof Audience.Stakeholders) {
            channel = tools.channels().stakeholders(guild);
        } else if (audience instanceof Audience.Escalation) {
            channel = tools.channels().escalation(guild);
        } else if (audience instanceof Audience.Person person && person.platform() == Platform.DISCORD) {
            try {
                channel = Optional.of(DiscordDirectMessages.open(tools.rest(), guild.getJDA(), person.userId()));
            } catch (DiscordRest.Refused e) {
                return refused(e);
            }
            post = DiscordCards.message(text, message.actions()); // a page's Acknowledge button
        } else {
            return Posted.NOWHERE;
        }
        if (channel.isEmpty()) {
            log.debug("No Discord channel for {} of {}; not posted", audience, incident.id());
            return Posted.NOWHERE;
        }
        String nonce = steps.nonce(step).orElseGet(DiscordGateway::nonce);
        MessageCreateData sent = post;
        try {
            tools.rest().call(what(audience, incident), () -> channel.get().sendMessage(sent).setNonce(nonce));
        } catch (DiscordRest.Refused e) {
            return refused(e);
        }
        return Posted.SENT;
    }

    private Posted refused(DiscordRest.Refused e) {
        refusals.refused("A post was not delivered", e, false);
        failures.add(e.getMessage());
        return Posted.refused(e.getMessage());
    }

    @Override
    public boolean archive(IncidentRoom room) {
        return channel(room).map(channel -> tools.rooms().archive(guild, channel)).orElse(false);
    }

    @Override
    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** The room's channel, unless someone deleted it: then its posts go to stakeholders only. */
    private Optional<TextChannel> channel(IncidentRoom room) {
        if (roomChannel == null) {
            roomChannel = Optional.ofNullable(guild.getTextChannelById(room.channelId()));
            if (roomChannel.isEmpty()) {
                log.warn("The Discord channel {} of an incident is gone; its posts go to stakeholders only",
                        room.channelId());
            }
        }
        return roomChannel;
    }

    private static String what(Audience audience, Incident incident) {
        if (audience instanceof Audience.Room) {
            return "post to the channel of " + incident.id();
        }
        if (audience instanceof Audience.Stakeholders) {
            return "announce " + incident.id() + " to stakeholders";
        }
        return audience instanceof Audience.Escalation ? "escalate " + incident.id() : "tell a person of " + incident.id();
    }
}
