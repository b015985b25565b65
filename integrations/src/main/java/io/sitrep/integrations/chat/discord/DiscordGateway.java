package io.sitrep.integrations.chat.discord;

import net.dv8tion.jda.api.JDA;

import io.sitrep.incident.lifecycle.IncidentLifecycle;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.chat.ChatGateway;
import io.sitrep.integrations.chat.Delivery;
import io.sitrep.integrations.chat.DeliveryResult;
import io.sitrep.integrations.chat.DeliverySteps;
import io.sitrep.integrations.chat.IncidentRooms;
import io.sitrep.integrations.chat.PageReceipts;
import io.sitrep.integrations.chat.RoomDelivery;
import io.sitrep.integrations.chat.RoomPlatform;

/**
 * Discord's outbound side: how a delivery looks and is sent in the guild. An incident's text
 * channel is made under the incidents category with the card pinned and the topic set; the
 * room's posts carry buttons, stakeholder and escalation posts go to the configured channels, a
 * person's to a direct message ({@link DiscordSending}). Which incident is Discord's, and in what
 * order things go, is {@link RoomDelivery}'s. What Discord refuses is reported, and a missing
 * permission is also told, by name, to the person whose command it was.
 */
public final class DiscordGateway implements ChatGateway, RoomPlatform {

    private static final java.security.SecureRandom NONCES = new java.security.SecureRandom();

    private final DiscordGuild guild;
    private final CallerReplies callers;
    private final DiscordSending.Tools tools;
    private final RoomDelivery delivery;

    DiscordGateway(JDA jda, String guildId, String categoryName, DiscordRest rest, IncidentStore store,
                   IncidentLifecycle lifecycle, IncidentRooms rooms, DiscordChannels channels, CallerReplies callers,
                   String archiveCategory, PageReceipts receipts) {
        this.guild = new DiscordGuild(jda, guildId, rest);
        this.callers = callers;
        this.tools = new DiscordSending.Tools(rest, channels, new DiscordRooms(rest, categoryName, archiveCategory),
                new DiscordRoomCards(rest));
        this.delivery = new RoomDelivery(this, store, lifecycle, rooms, channels.names(), receipts);
    }

    @Override
    public DeliveryResult deliver(Delivery delivery, DeliverySteps steps) {
        try {
            DeliveryResult result = this.delivery.deliver(delivery, steps);
            callers.forget(delivery.caller());
            return result;
        } catch (DiscordRest.Passing e) {
            return new DeliveryResult.Postponed(null, e.getMessage());
        }
    }

    @Override
    public String platform() {
        return DiscordConnector.PLATFORM;
    }

    @Override
    public String name() {
        return DiscordConnector.PLATFORM;
    }

    @Override
    public Sending begin(Delivery delivery, DeliverySteps steps) {
        return new DiscordSending(tools, guild.connected(), steps, new DiscordRefusals(callers, delivery.caller()),
                delivery.fromReminderClock());
    }

    /** An idempotency key for one post: Discord drops a repeat carrying the same one. */
    static String nonce() {
        return Long.toUnsignedString(NONCES.nextLong());
    }
}
