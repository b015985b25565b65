package io.sitrep.integrations.chat.console;

import java.util.List;
import java.util.Optional;

import io.sitrep.incident.Incident;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.ChannelNames;
import io.sitrep.integrations.chat.ChannelRef;
import io.sitrep.integrations.chat.ChatGateway;
import io.sitrep.integrations.chat.ChatMessage;
import io.sitrep.integrations.chat.Delivery;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.DeliveryResult;
import io.sitrep.integrations.chat.DeliverySteps;

/**
 * Shows what nobody typed at this console — reminders, escalations, health changes — above the
 * prompt, each under the name of the channel it is for. The console's own commands print their
 * outcome themselves.
 */
public final class ConsoleGateway implements ChatGateway {

    private final IncidentStore store;
    private final ChannelNames names;
    private volatile ConsoleChat chat;

    /** @param store where the incident's channel name is read, for the room's messages */
    public ConsoleGateway(IncidentStore store, ChannelNames names) {
        this.store = store;
        this.names = names;
    }

    /** From now on, show notices in {@code console}. */
    public void attach(ConsoleChat console) {
        this.chat = console;
    }

    @Override
    public String platform() {
        return ConsoleChat.PLATFORM;
    }

    /** The terminal belongs to this process: nothing to keep for another replica or a restart. */
    @Override
    public boolean durable() {
        return false;
    }

    @Override
    public DeliveryResult deliver(Delivery delivery, DeliverySteps steps) {
        ConsoleChat console = chat;
        if (console != null && delivery.fromWatcher()) {
            Optional<Incident> incident = store.find(delivery.incident());
            console.show(delivery.messages().stream().map(message -> shown(message, delivery, incident))
                    .flatMap(Optional::stream).toList());
        }
        return DeliveryResult.delivered();
    }

    /** The message under its channel's name; a person's is for their platform, not here. */
    private Optional<ChatMessage> shown(DeliveryMessage message, Delivery delivery, Optional<Incident> incident) {
        Audience to = incident.map(i -> names.audience(message.audience(), i)).orElse(message.audience());
        String channel;
        if (to instanceof Audience.Named named) {
            channel = named.channel();
        } else if (to instanceof Audience.Stakeholders) {
            channel = names.stakeholders();
        } else if (to instanceof Audience.Escalation) {
            channel = names.escalation();
        } else if (to instanceof Audience.Room || to instanceof Audience.Caller) {
            channel = incident.map(Incident::channel).orElse(delivery.incident().toString());
        } else {
            return Optional.empty();
        }
        return Optional.of(new ChatMessage(new ChannelRef(ConsoleChat.PLATFORM, channel), message.text(), List.of()));
    }
}
