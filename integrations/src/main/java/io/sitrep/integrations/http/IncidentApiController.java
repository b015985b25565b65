package io.sitrep.integrations.http;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentNotFoundException;
import io.sitrep.incident.IncidentState;
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

    /** How many incidents a page holds when the caller does not say, and at most. */
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    /**
     * Open incidents by id, a page at a time: {@code limit} (100, at most 500) after {@code cursor}
     * (the last id of the previous page), optionally of one {@code state}. The body stays a JSON
     * array; the next page is in the {@code Link} header ({@code rel="next"}) and the number of
     * matching incidents in {@code X-Total-Count}.
     */
    @GetMapping(path = "/api/incidents", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<List<Incident>> open(@RequestParam(required = false) String state,
                                        @RequestParam(required = false) String limit,
                                        @RequestParam(required = false) String cursor) {
        IncidentState wanted = state == null || state.isBlank() ? null : parseState(state);
        int size = parseLimit(limit);
        IncidentId after = cursor == null || cursor.isBlank() ? null : parse(cursor);
        List<Incident> matching = store.findOpen().stream().filter(i -> wanted == null || i.state() == wanted).toList();
        List<Incident> page = matching.stream().filter(i -> after == null || i.id().compareTo(after) > 0)
                .limit(size).toList();
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().header("X-Total-Count", Integer.toString(matching.size()));
        if (!page.isEmpty() && matching.stream().anyMatch(i -> i.id().compareTo(page.get(page.size() - 1).id()) > 0)) {
            answer.header("Link", "</api/incidents?" + (wanted == null ? "" : "state=" + wanted + "&") + "limit=" + size
                    + "&cursor=" + page.get(page.size() - 1).id() + ">; rel=\"next\"");
        }
        return answer.body(page);
    }

    private static IncidentState parseState(String state) {
        String open = java.util.Arrays.stream(IncidentState.values()).filter(IncidentState::isOpen).map(Enum::name)
                .collect(java.util.stream.Collectors.joining(", "));
        IncidentState parsed;
        try {
            parsed = IncidentState.valueOf(state.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadQueryException("There is no state '" + state + "'. States of open incidents: " + open + ".");
        }
        if (!parsed.isOpen()) {
            throw new BadQueryException("This lists open incidents; " + parsed + " ones are not open. States of open "
                    + "incidents: " + open + ".");
        }
        return parsed;
    }

    private static int parseLimit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int parsed = Integer.parseInt(limit.strip());
            if (parsed >= 1 && parsed <= MAX_LIMIT) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // told below
        }
        throw new BadQueryException("limit must be a number from 1 to " + MAX_LIMIT + ".");
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
    /** A query parameter that makes no sense, with the sentence that says why. */
    static final class BadQueryException extends RuntimeException {
        BadQueryException(String message) {
            super(message);
        }
    }

    static final class BadIdException extends RuntimeException {
        BadIdException(String id) {
            super("'" + id + "' is not an incident id; ids look like INC-7.");
        }
    }
}
