package io.sitrep.integrations.chat;

import java.util.List;
import java.util.Optional;

import io.sitrep.incident.Incident;

/**
 * What one chat platform does for {@link RoomDelivery}: it renders and sends, and decides
 * nothing about who is told what. A third platform implements this and nothing else.
 */
public interface RoomPlatform {

    /** The platform's name ({@code slack}): its lane in the queue and its rooms' key. */
    String name();

    /**
     * One try at one delivery. May throw {@link PostponedDelivery} when the platform cannot be
     * reached now, or {@link RefusedDelivery} when it refuses the whole delivery for good.
     */
    Sending begin(Delivery delivery, DeliverySteps steps);

    /** The platform's side of one try at one delivery. */
    interface Sending {

        /** Creates the incident's room and lets its declarer in; empty when it could not be made (logged, told). */
        Optional<IncidentRoom> openRoom(Incident incident);

        /**
         * Posts and pins the card, or edits it in place, and sets the topic when it changed.
         *
         * @return the room as its card and topic now stand (card id and {@code version}, topic)
         */
        IncidentRoom drawCard(IncidentRoom room, IncidentCard card, long version);

        /**
         * Posts message {@code step} to {@code audience} — with its actions as buttons, and an
         * idempotency key where the platform has one — in the incident's room when that is the
         * audience (the room is then present), or in a direct message it opens to a person.
         *
         * @return what became of it: sent, refused for good (it is among {@link #failures}), or
         *         nowhere to send it when the audience has no channel on this platform
         */
        Posted post(int step, Audience audience, DeliveryMessage message, Incident incident, Optional<IncidentRoom> room);

        /** Puts a finished incident's room away; false when the platform keeps rooms or could not. */
        boolean archive(IncidentRoom room);

        /** What the platform refused for good in this try, in words for people. */
        List<String> failures();
    }

    /**
     * What became of one message: whether the audience has a channel here (then the message is
     * done with, sent or not), and what the platform said when it refused it for good.
     *
     * @param refusal the platform's reason ({@code user_not_found}), null when it was sent
     */
    record Posted(boolean channel, String refusal) {

        public static final Posted SENT = new Posted(true, null);
        public static final Posted NOWHERE = new Posted(false, null);

        public static Posted refused(String why) {
            return new Posted(true, why == null || why.isBlank() ? "refused" : why);
        }

        public boolean sent() {
            return channel && refusal == null;
        }
    }
}
