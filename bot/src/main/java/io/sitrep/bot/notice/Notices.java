package io.sitrep.bot.notice;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentChange;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.Platform;
import io.sitrep.incident.Watcher;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.Delivery;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.Outbox;

/**
 * What Sitrep's own watchers (the reminder clock, the health watch, the alert desk) say about
 * an incident, handed to the outbox as a delivery from that watcher — the same path as a
 * person's command, queued with the watcher's change, never posing as a person: the watchers
 * are no chat users.
 */
public final class Notices {

    private static final Logger log = LoggerFactory.getLogger(Notices.class);

    private final Outbox outbox;

    public Notices(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * What follows no change of the incident (a suggestion, say), queued on its own.
     *
     * @param source      the watcher speaking
     * @param text        for the incident's channel
     * @param alsoTo      further audiences that get the same text, such as the escalation channel
     * @param openChannel whether the incident is new and its channel should be opened on platforms that do that
     */
    public void post(Watcher source, Incident incident, String text, List<Audience> alsoTo, boolean openChannel) {
        Delivery delivery = delivery(source, incident, List.of(text), alsoTo, openChannel);
        try {
            outbox.send(delivery);
        } catch (RuntimeException e) {
            log.error("A {} notice of {} could not be queued: {}", source, incident.id(), e.getMessage());
        }
    }

    /** What a watcher tells of a change: texts for the incident's room, each also to {@code alsoTo}. */
    public record Notice(List<String> texts, List<Audience> alsoTo) {

        public Notice {
            texts = List.copyOf(texts);
            alsoTo = List.copyOf(alsoTo);
        }

        public static Notice of(String text) {
            return new Notice(List.of(text), List.of());
        }
    }

    /**
     * For {@link IncidentWriter#announcing}: what a watcher's change tells, planned from the
     * change and queued with it in the same write. A declaration opens the incident's channel.
     */
    public IncidentWriter.Announcer announcing(Watcher source, Function<IncidentChange, Notice> notice) {
        return outbox.announcing((before, change) -> {
            Notice told = notice.apply(change);
            return delivery(source, change.incident(), told.texts(), told.alsoTo(), before == null);
        });
    }

    private static Delivery delivery(Watcher source, Incident incident, List<String> texts, List<Audience> alsoTo,
                                     boolean openChannel) {
        List<DeliveryMessage> messages = new ArrayList<>();
        for (String text : texts) {
            messages.add(new DeliveryMessage(Audience.ROOM, text));
            alsoTo.forEach(audience -> messages.add(new DeliveryMessage(audience, text)));
        }
        return Delivery.fromWatcher(source, incident.id(), messages, openChannel).livingOn(incident.platforms());
    }

    /** The chat platforms deliveries go to: an incident a watcher opens lives on each of them. */
    public Set<Platform> chatPlatforms() {
        return outbox.chatPlatforms().stream().map(Platform::named).collect(java.util.stream.Collectors.toSet());
    }
}
