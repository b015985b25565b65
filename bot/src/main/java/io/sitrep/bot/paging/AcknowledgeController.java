package io.sitrep.bot.paging;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentChange;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.Watcher;
import io.sitrep.incident.paging.Page;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.Delivery;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.Outbox;
import io.sitrep.integrations.mail.AcknowledgeLinks;

/**
 * The acknowledge link of a page mail. Open to anyone, outside {@code /api}: the signed token in
 * the link is the credential (a person reading a mail has no API token), and the form posts the
 * same token back, so no other site can make a browser acknowledge without it. A GET only shows
 * the incident and the button; the POST acknowledges, as the person the link was sent to, through
 * the same change as the command, and the room and the others paged are told.
 */
@RestController
class AcknowledgeController {

    private static final Logger log = LoggerFactory.getLogger(AcknowledgeController.class);
    private static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");

    private final AcknowledgeLinks links;
    private final IncidentStore store;
    private final IncidentWriter writer;
    private final Outbox outbox;
    private final Clock clock;

    AcknowledgeController(AcknowledgeLinks links, IncidentStore store, IncidentWriter writer, Outbox outbox,
                          Clock clock) {
        this.links = links;
        this.store = store;
        this.writer = writer;
        this.outbox = outbox;
        this.clock = clock;
    }

    @GetMapping(AcknowledgeLinks.PATH)
    ResponseEntity<String> show(@RequestParam(required = false) String token) {
        try {
            return found(token).map(f -> page(HttpStatus.OK, AcknowledgePage.form(f.incident(), f.page(),
                    f.claim().person(), token))).orElseGet(AcknowledgeController::notFound);
        } catch (RuntimeException e) {
            return unavailable(e);
        }
    }

    @PostMapping(path = AcknowledgeLinks.PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> acknowledge(@RequestParam(required = false) String token) {
        try {
            Optional<Found> found = found(token);
            if (found.isEmpty()) {
                return notFound();
            }
            AcknowledgeLinks.Claim claim = found.get().claim();
            Optional<IncidentChange> written = writer.announcing(outbox.announcing(AcknowledgeController::toRoom))
                    .update(claim.incident(), current -> {
                        Instant now = clock.instant();
                        return Acknowledgements.change(current, claim.person(), claim.person(),
                                Acknowledgements.EMAIL, Acknowledgements.EMAIL, now);
                    });
            if (written.isEmpty()) {
                Found now = found(token).orElse(found.get());
                return page(HttpStatus.OK, AcknowledgePage.nothingLeft(now.incident(), now.page(), claim.person()));
            }
            Incident incident = written.get().incident();
            Page page = incident.paging().page(claim.page()).orElse(found.get().page());
            return page(HttpStatus.OK, AcknowledgePage.acknowledged(incident, page, claim.person(),
                    written.get().entries().get(0).text()));
        } catch (RuntimeException e) {
            return unavailable(e);
        }
    }

    /** The room hears of it as of any acknowledgement; the others paged are told by the page's own messages. */
    private static Delivery toRoom(Incident before, IncidentChange change) {
        return Delivery.fromWatcher(Watcher.PAGER, change.incident().id(),
                List.of(new DeliveryMessage(Audience.ROOM, change.entries().get(0).text())), false)
                .livingOn(change.incident().platforms());
    }

    private record Found(AcknowledgeLinks.Claim claim, Incident incident, Page page) {
    }

    /** The incident and page a valid token names, as they stand; empty for anything else. */
    private Optional<Found> found(String token) {
        return links.verify(token).flatMap(claim -> store.find(claim.incident())
                .flatMap(incident -> incident.paging().page(claim.page())
                        .filter(page -> page.notified(claim.person()))
                        .map(page -> new Found(claim, incident, page))));
    }

    private static ResponseEntity<String> notFound() {
        return page(HttpStatus.NOT_FOUND, AcknowledgePage.notFound());
    }

    private static ResponseEntity<String> unavailable(RuntimeException e) {
        log.warn("An acknowledge link could not be answered: {}", e.getMessage());
        return page(HttpStatus.SERVICE_UNAVAILABLE, AcknowledgePage.unavailable());
    }

    private static ResponseEntity<String> page(HttpStatus status, String html) {
        return ResponseEntity.status(status).contentType(HTML)
                .cacheControl(CacheControl.noStore())
                // The token is in the address: no other site gets it as a referrer, nor frames the button.
                .header("Referrer-Policy", "no-referrer")
                .header("Content-Security-Policy",
                        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
                .header("X-Robots-Tag", "noindex")
                .body(html);
    }
}
