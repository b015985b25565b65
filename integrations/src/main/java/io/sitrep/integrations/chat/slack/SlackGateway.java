package io.sitrep.integrations.chat.slack;

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
 * Slack's outbound side: how a delivery looks and is sent on Slack. An incident's channel is
 * created with the card pinned and the topic set; the room's posts carry buttons (a reminder
 * its own), stakeholder and escalation posts go to the configured channels, a person's to a
 * direct message ({@link SlackSending}). Which incident is Slack's, and in what order things go,
 * is {@link RoomDelivery}'s.
 */
public final class SlackGateway implements ChatGateway, RoomPlatform {

    private final SlackSending.Tools tools;
    private final RoomDelivery delivery;

    SlackGateway(SlackWebApi api, IncidentStore store, IncidentLifecycle lifecycle, IncidentRooms rooms,
                 SlackChannels channels, boolean archiveRooms, PageReceipts receipts) {
        this.tools = new SlackSending.Tools(api, channels, new SlackRooms(api), new SlackCards(api), archiveRooms);
        this.delivery = new RoomDelivery(this, store, lifecycle, rooms, channels.names(), receipts);
    }

    @Override
    public DeliveryResult deliver(Delivery delivery, DeliverySteps steps) {
        return this.delivery.deliver(delivery, steps);
    }

    @Override
    public String platform() {
        return SlackCommandAdapter.PLATFORM;
    }

    @Override
    public String name() {
        return SlackCommandAdapter.PLATFORM;
    }

    @Override
    public Sending begin(Delivery delivery, DeliverySteps steps) {
        return new SlackSending(tools, delivery, new DeliveryPosts(tools.api(), steps), steps);
    }
}
