package io.sitrep.integrations.chat;

import java.util.Optional;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.store.IncidentStore;

/**
 * Where each incident lives on each platform. Saving a room also indexes its channel id, so a
 * command typed in that channel acts on the incident.
 */
public interface IncidentRooms {

    Optional<IncidentRoom> find(IncidentId incident, String platform);

    void save(IncidentId incident, IncidentRoom room);

    /**
     * Records a room whose card or topic changed in a channel already indexed: the channel index
     * already names the incident, so only the room itself is written.
     */
    default void saveCard(IncidentId incident, IncidentRoom room) {
        save(incident, room);
    }

    /** An incident as stored, with its room on one platform if it has one there. */
    record Placed(Incident incident, Optional<IncidentRoom> room) {
    }

    /** The incident from {@code store} with its room on {@code platform}, read together where both live together. */
    default Optional<Placed> findWithIncident(IncidentStore store, IncidentId incident, String platform) {
        return store.find(incident).map(found -> new Placed(found, find(incident, platform)));
    }

    /**
     * Whether the incident lives on a platform other than {@code platform}: it has a room there.
     * Such an incident's posts belong to that platform, even for a command typed on this one.
     */
    boolean livesElsewhere(IncidentId incident, String platform);
}
