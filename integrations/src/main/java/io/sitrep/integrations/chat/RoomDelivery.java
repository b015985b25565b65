package io.sitrep.integrations.chat;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sitrep.incident.Incident;
import io.sitrep.incident.Platform;
import io.sitrep.incident.lifecycle.IncidentLifecycle;
import io.sitrep.incident.store.IncidentStore;

/**
 * A delivery on one platform, the same steps on every platform: read the incident once, open
 * its room when the declaration is this platform's, bring the card up to date before anything
 * is posted (a new room opens with it, stakeholders' link leads to it), send what is still owed
 * in order, and put the room away once the incident is over. What the platform renders and how
 * it sends is {@link RoomPlatform}'s.
 *
 * <p>The change itself is already stored: a platform that is down only postpones the messages
 * still owed, and what it refuses for good is reported rather than retried.
 */
public final class RoomDelivery {

    private static final Logger log = LoggerFactory.getLogger(RoomDelivery.class);

    private final RoomPlatform platform;
    private final IncidentStore store;
    private final IncidentLifecycle lifecycle;
    private final IncidentRooms rooms;
    private final ChannelNames names;
    private final PageReceipts receipts;

    /** @param names how deliveries stored by the previous release named the channels */
    public RoomDelivery(RoomPlatform platform, IncidentStore store, IncidentLifecycle lifecycle, IncidentRooms rooms,
                        ChannelNames names) {
        this(platform, store, lifecycle, rooms, names, PageReceipts.NONE);
    }

    /** @param receipts told of each page notification sent to a person here, or refused for good */
    public RoomDelivery(RoomPlatform platform, IncidentStore store, IncidentLifecycle lifecycle, IncidentRooms rooms,
                        ChannelNames names, PageReceipts receipts) {
        this.platform = platform;
        this.store = store;
        this.lifecycle = lifecycle;
        this.rooms = rooms;
        this.names = names;
        this.receipts = receipts;
    }

    public DeliveryResult deliver(Delivery delivery, DeliverySteps steps) {
        try {
            return deliverNow(delivery, steps);
        } catch (PostponedDelivery e) {
            return e.asResult();
        } catch (RefusedDelivery e) {
            notificationsOwedFailed(delivery, steps, e.getMessage());
            return new DeliveryResult.Delivered(List.of(e.getMessage()));
        }
    }

    private DeliveryResult deliverNow(Delivery delivery, DeliverySteps steps) {
        Optional<IncidentRooms.Placed> found = rooms.findWithIncident(store, delivery.incident(), platform.name());
        if (found.isEmpty()) {
            return DeliveryResult.delivered();
        }
        Incident incident = found.get().incident();
        Optional<IncidentRoom> room = found.get().room();
        boolean opensHere = room.isEmpty() && delivery.opensRoom() && declaredHere(incident, delivery);
        boolean ours = room.isPresent() || opensHere || livesHere(incident, delivery);
        if (!ours && !addressesSomeoneHere(delivery)) {
            return DeliveryResult.delivered(); // an incident of another platform
        }
        RoomPlatform.Sending sending = platform.begin(delivery, steps);
        if (opensHere) {
            room = sending.openRoom(incident);
            room.ifPresent(opened -> save(incident, opened));
        }
        if (room.isPresent()) {
            room = Optional.of(drawCard(sending, steps, incident, room.get()));
        }
        List<DeliveryMessage> messages = delivery.messages();
        for (int step = 0; step < messages.size(); step++) {
            Audience audience = names.audience(messages.get(step).audience(), incident);
            if (steps.done(step) || !ours && !(audience instanceof Audience.Person)) {
                continue;
            }
            if (!wanted(messages.get(step), incident, delivery)) {
                steps.markDone(step); // acknowledged or over since it was queued: nobody is woken for nothing
                continue;
            }
            // In a room the declaration opened, the card says all that the declare message would.
            if (audience instanceof Audience.Room && (room.isEmpty() || delivery.opensRoom())) {
                continue;
            }
            RoomPlatform.Posted posted = sending.post(step, audience, messages.get(step), incident, room);
            if (posted.channel()) {
                steps.markDone(step);
                receipt(incident, messages.get(step), audience, posted);
            }
            // A message with no channel here (the caller's own answer, say): nothing sent, nothing to mark.
        }
        if (room.isPresent() && !incident.state().isOpen() && !room.get().archived() && sending.archive(room.get())) {
            IncidentRoom archived = room.get().asArchived();
            save(incident, archived);
            // A record kept for later would put the room back as not archived: keep this one instead.
            steps.keepRoom(archived);
            log.info("{} is over; its {} room {} is put away", incident.id(), platform.name(), room.get().channelName());
        }
        return new DeliveryResult.Delivered(sending.failures());
    }

    /** Whether the declaration is this platform's to open a room for: one typed here, or one a watcher made. */
    private boolean declaredHere(Incident incident, Delivery delivery) {
        Set<Platform> platforms = incident.platforms();
        if (platforms != null) {
            return platforms.contains(Platform.named(platform.name()));
        }
        return delivery.typedOn(platform.name()) || delivery.fromIncidentOpener();
    }

    /**
     * Whether an incident without a room here is this platform's all the same: it lives here (its
     * room could not be made), or the command was typed here about an incident with no room on
     * any other platform (declared on the console, say), whose stakeholders hear of it here.
     */
    private boolean livesHere(Incident incident, Delivery delivery) {
        if (incident.platforms() != null && incident.platforms().contains(Platform.named(platform.name()))) {
            return true;
        }
        return delivery.typedOn(platform.name()) && !rooms.livesElsewhere(incident.id(), platform.name());
    }

    /** A page's notification to a person goes on the timeline: who was told here, or why they could not be. */
    private void receipt(Incident incident, DeliveryMessage message, Audience audience, RoomPlatform.Posted posted) {
        if (!message.notifies() || !(audience instanceof Audience.Person)) {
            return;
        }
        if (posted.sent()) {
            receipts.sent(incident.id(), message.page(), audience);
        } else {
            receipts.failed(incident.id(), message.page(), audience, platform.name() + " refused it: " + posted.refusal());
        }
    }

    /** The whole delivery was refused: each notification still owed to a person here will not arrive. */
    private void notificationsOwedFailed(Delivery delivery, DeliverySteps steps, String why) {
        List<DeliveryMessage> messages = delivery.messages();
        for (int step = 0; step < messages.size(); step++) {
            DeliveryMessage message = messages.get(step);
            if (!steps.done(step) && message.notifies() && isHere(message.audience())) {
                receipts.failed(delivery.incident(), message.page(), message.audience(), why);
            }
        }
    }

    private boolean isHere(Audience audience) {
        return audience instanceof Audience.Person person && person.platform().equals(Platform.named(platform.name()));
    }

    /**
     * Whether a message is still to be sent. A page notification is asked of the incident as it
     * stands now, not of the delivery's snapshot: that was read before the card was drawn and the
     * earlier messages were sent (Slack calls, a second or more when Slack is slow), and an
     * acknowledgement written meanwhile must wake nobody. A page never comes back to life, so a
     * notification the snapshot already drops costs no read.
     */
    private boolean wanted(DeliveryMessage message, Incident snapshot, Delivery delivery) {
        if (message.page() == null || message.page().kind() != PageMark.Kind.NOTIFY) {
            return true;
        }
        return message.page().stillWanted(snapshot)
                && store.find(delivery.incident()).map(message.page()::stillWanted).orElse(false);
    }

    private boolean addressesSomeoneHere(Delivery delivery) {
        return delivery.messages().stream().map(DeliveryMessage::audience).anyMatch(this::isHere);
    }

    /**
     * The card brought up to date, unless it shows this version already (after {@code status},
     * say: no call at all). A card whose post has an unknown outcome postpones the delivery; any
     * other failure leaves the card for the next change, and the posts still go out.
     */
    private IncidentRoom drawCard(RoomPlatform.Sending sending, DeliverySteps steps, Incident incident,
                                  IncidentRoom room) {
        if (room.cardShows(incident.version())) {
            return room;
        }
        try {
            IncidentCard card = IncidentCard.of(incident, lifecycle.legalEvents(incident.state()));
            IncidentRoom drawn = sending.drawCard(room, card, incident.version());
            if (drawn.equals(room)) {
                return room;
            }
            if (drawn.channelId().equals(room.channelId())) {
                // Redrawn in place, the record may wait for the delivery's next stored step; a new
                // card message is recorded at once, or a crash now would post a second one.
                boolean inPlace = Objects.equals(drawn.cardMessageId(), room.cardMessageId());
                if (!inPlace || !steps.keepRoom(drawn)) {
                    rooms.saveCard(incident.id(), drawn);
                }
            } else {
                rooms.save(incident.id(), drawn);
            }
            return drawn;
        } catch (PostponedDelivery e) {
            throw e; // the card may be out: the next try looks for it before posting it again
        } catch (RuntimeException e) {
            log.warn("Could not bring the card of {} up to date: {}", incident.id(), e.getMessage());
            return room;
        }
    }

    /** Recorded at once, so commands typed in the room act on the incident. */
    private void save(Incident incident, IncidentRoom room) {
        try {
            rooms.save(incident.id(), room);
        } catch (RuntimeException e) {
            log.warn("The {} room of {} ({}) could not be recorded ({}); commands typed there need the incident named",
                    platform.name(), incident.id(), room.channelName(), e.getMessage());
        }
    }
}
