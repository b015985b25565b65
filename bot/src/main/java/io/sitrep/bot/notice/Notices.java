package io.sitrep.bot.notice;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sitrep.incident.Incident;
import io.sitrep.integrations.chat.ChannelRef;
import io.sitrep.integrations.chat.ChatMessage;
import io.sitrep.integrations.chat.Delivery;
import io.sitrep.integrations.chat.Outbox;

/**
 * What Sitrep's own watchers (the reminder clock, the health watch, the alert desk) say about
 * an incident, handed to the outbox as a delivery from that watcher — the same path as a
 * person's command, never posing as one: the watchers are no chat users.
 */
public final class Notices {

    private static final Logger log = LoggerFactory.getLogger(Notices.class);

    private final Outbox outbox;

    public Notices(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * @param source      the watcher speaking
     * @param text        for the incident's channel
     * @param alsoTo      further channels (by name) that get the same text, such as the escalation channel
     * @param openChannel whether the incident is new and its channel should be opened on platforms that do that
     */
    public void post(String source, Incident incident, String text, List<String> alsoTo, boolean openChannel) {
        ChannelRef room = new ChannelRef(source, incident.channel() == null ? incident.id().toString() : incident.channel());
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(new ChatMessage(room, text));
        alsoTo.forEach(channel -> messages.add(new ChatMessage(room.sibling(channel), text)));
        Delivery delivery = Delivery.fromWatcher(source, incident.id(), messages, openChannel);
        try {
            outbox.send(delivery);
        } catch (RuntimeException e) {
            log.error("A {} notice of {} could not be queued: {}", source, incident.id(), e.getMessage());
        }
    }
}
