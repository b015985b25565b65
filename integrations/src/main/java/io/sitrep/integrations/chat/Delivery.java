package io.sitrep.integrations.chat;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.sitrep.incident.IncidentId;
import io.sitrep.incident.Origin;
import io.sitrep.incident.Platform;
import io.sitrep.incident.Watcher;

/**
 * What a gateway is handed after a change to an incident: the messages for others (the
 * incident's room, the stakeholders, escalation, a person) and where the change came from — a
 * person on a platform, or one of Sitrep's own watchers, which are no chat users and don't pose
 * as one.
 *
 * @param origin    the person and the platform they used, or the watcher
 * @param opensRoom whether the change opens the incident's room (a declaration)
 * @param caller    the command the person typed, which their platform answers privately when what
 *                  it changed goes wrong later; null for watchers and once read back from the queue
 * @param livesOn   the platforms the incident lives on, as it recorded them; null when it did not
 *                  (stored before they were recorded) or the delivery was read back from the queue
 */
public record Delivery(IncidentId incident, Origin origin, List<DeliveryMessage> messages,
                       boolean opensRoom, ChatCommand caller, Set<Platform> livesOn) {

    /** Who the watchers' changes are by. */
    private static final Actor SITREP = new Actor("sitrep");

    public Delivery {
        if (origin == null) {
            throw new IllegalArgumentException("a delivery comes from somewhere");
        }
        messages = List.copyOf(messages);
        livesOn = livesOn == null ? null : Set.copyOf(livesOn);
    }

    /** A delivery whose incident's platforms are not known here. */
    public Delivery(IncidentId incident, Origin origin, List<DeliveryMessage> messages, boolean opensRoom,
                    ChatCommand caller) {
        this(incident, origin, messages, opensRoom, caller, null);
    }

    /** What one of Sitrep's own watchers says about an incident. */
    public static Delivery fromWatcher(Watcher watcher, IncidentId incident, List<DeliveryMessage> messages,
                                       boolean opensRoom) {
        return new Delivery(incident, watcher, messages, opensRoom, null);
    }

    /** Who made the change: the person, or {@code sitrep} for a watcher. */
    public Actor actor() {
        return origin instanceof Origin.Person person ? new Actor(person.name(), person.id()) : SITREP;
    }

    /** The same delivery, with the request of the person it answers (known only on the replica that took it). */
    public Delivery withCaller(ChatCommand request) {
        return new Delivery(incident, origin, messages, opensRoom, request, livesOn);
    }

    /** The same delivery with {@code more} messages after its own. */
    public Delivery plus(List<DeliveryMessage> more) {
        List<DeliveryMessage> all = new java.util.ArrayList<>(messages);
        all.addAll(more);
        return new Delivery(incident, origin, all, opensRoom, caller, livesOn);
    }

    /** The same delivery, for an incident that lives on {@code platforms} (null: not recorded). */
    public Delivery livingOn(Set<Platform> platforms) {
        return new Delivery(incident, origin, messages, opensRoom, caller, platforms);
    }

    /**
     * The platforms of {@code configured} that have work for it, in their order: those its
     * incident lives on, the one the change was typed on (its stakeholders hear of an incident
     * that lives on no chat platform), and each addressed person's (and the status page's subscribers' lane for a public post). All of them when the
     * incident's platforms are not known: each gateway then tells from the rooms whether it is
     * the incident's.
     */
    public List<String> lanes(Collection<String> configured) {
        if (livesOn == null) {
            return List.copyOf(configured);
        }
        Set<String> working = new HashSet<>();
        livesOn.forEach(platform -> working.add(platform.wireName()));
        if (origin instanceof Origin.Person person) {
            working.add(person.platform().wireName());
        }
        messages.stream().map(DeliveryMessage::audience).filter(Audience.Person.class::isInstance)
                .forEach(person -> working.add(((Audience.Person) person).platform().wireName()));
        messages.stream().map(DeliveryMessage::audience).filter(Audience.Pager.class::isInstance)
                .forEach(pager -> working.add(((Audience.Pager) pager).method()));
        if (messages.stream().anyMatch(m -> m.audience() instanceof Audience.StatusSubscribers)) {
            working.add(Audience.StatusSubscribers.LANE);
        }
        return configured.stream().filter(working::contains).toList();
    }

    /** Whether a person typed the change on the platform whose lane is named {@code platform}. */
    public boolean typedOn(String platform) {
        return origin instanceof Origin.Person person && person.platform().wireName().equals(platform);
    }

    /** From Sitrep's own watchers (the reminder clock, the health watch, Alertmanager), not a person. */
    public boolean fromWatcher() {
        return origin instanceof Watcher;
    }

    /** From a watcher that opens incidents (health, alerts, heartbeats): those get a room on every platform. */
    public boolean fromIncidentOpener() {
        return origin instanceof Watcher watcher && watcher.opensIncidents();
    }

    /** A reminder or escalation from the reminder clock. */
    public boolean fromReminderClock() {
        return origin == Watcher.REMINDER;
    }
}
