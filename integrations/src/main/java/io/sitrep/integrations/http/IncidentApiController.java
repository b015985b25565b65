package io.sitrep.integrations.http;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentNotFoundException;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.store.IncidentStore;

/** The read API: open incidents, one incident, its timeline. */
@RestController
class IncidentApiController {

    private final IncidentStore store;

    IncidentApiController(IncidentStore store) {
        this.store = store;
    }

    @GetMapping(path = "/api/incidents", produces = MediaType.APPLICATION_JSON_VALUE)
    List<Incident> open() {
        return store.findOpen();
    }

    @GetMapping(path = "/api/incidents/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Incident one(@PathVariable String id) {
        IncidentId incidentId = parse(id);
        return store.find(incidentId).orElseThrow(() -> new IncidentNotFoundException(incidentId));
    }

    @GetMapping(path = "/api/incidents/{id}/timeline", produces = MediaType.APPLICATION_JSON_VALUE)
    List<TimelineEntry> timeline(@PathVariable String id) {
        IncidentId incidentId = parse(id);
        if (store.find(incidentId).isEmpty()) {
            throw new IncidentNotFoundException(incidentId);
        }
        return store.timeline(incidentId);
    }

    private static IncidentId parse(String id) {
        return IncidentId.tryParse(id).orElseThrow(() -> new BadIdException(id));
    }

    /** A path that names no incident id at all. */
    static final class BadIdException extends RuntimeException {
        BadIdException(String id) {
            super("'" + id + "' is not an incident id; ids look like INC-7.");
        }
    }
}
