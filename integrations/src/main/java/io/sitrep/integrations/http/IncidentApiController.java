package io.sitrep.integrations.http;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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
    private final PostmortemDocuments postmortems;

    IncidentApiController(IncidentStore store, PostmortemDocuments postmortems) {
        this.store = store;
        this.postmortems = postmortems;
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

    /** {@code GET /api/incidents/INC-7/postmortem.md} (or {@code .json}, {@code .html}): the export, DRAFT until closed. */
    @GetMapping(path = "/api/incidents/{id}/postmortem.{format}")
    ResponseEntity<String> postmortem(@PathVariable String id, @PathVariable String format) {
        if (!List.of("md", "json", "html").contains(format)) {
            throw new BadFormatException(format);
        }
        PostmortemDocuments.Document document = postmortems.render(parse(id), format);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(document.mediaType()))
                .header("Content-Disposition", "inline; filename=\"" + document.fileName() + "\"")
                // The page is self-contained: nothing it could load, no script it could run.
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
                .header("X-Content-Type-Options", "nosniff")
                .body(document.body());
    }

    private static IncidentId parse(String id) {
        return IncidentId.tryParse(id).orElseThrow(() -> new BadIdException(id));
    }

    /** An export format Sitrep does not write. */
    static final class BadFormatException extends RuntimeException {
        BadFormatException(String format) {
            super("'" + format + "' is not an export format; use postmortem.md, postmortem.json or postmortem.html.");
        }
    }

    /** A path that names no incident id at all. */
    static final class BadIdException extends RuntimeException {
        BadIdException(String id) {
            super("'" + id + "' is not an incident id; ids look like INC-7.");
        }
    }
}
