package io.sitrep.bot.status;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sitrep.bot.maintenance.MaintenanceView;
import io.sitrep.config.StatusSettings;
import io.sitrep.incident.store.PublicIncidentIndex;

/**
 * The public status page: {@code GET /status}, {@code /status/incidents/INC-n},
 * {@code /status.json} and the Atom feed {@code /status/feed.atom}, without a token. The page is
 * drawn once per change and kept with its ETag, so a crowd of stakeholders polling costs nothing
 * but sending it, and a conditional request that still matches is answered 304.
 *
 * <p>When to read again: at once when this replica wrote a change the page shows (its own post
 * is on the page on the next request), otherwise when the last check is {@link #CHECK_EVERY}
 * old — one round trip to the public-incidents index, which fetches only what changed.
 */
@RestController
public class StatusController {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StatusController.class);

    /** How long a check of the index serves: a post made on another replica shows within this and one round trip. */
    private static final Duration CHECK_EVERY = Duration.ofSeconds(1);
    /** The page is drawn again this often even when nothing changed: the day bars move on, old incidents leave. */
    private static final Duration DRAW_EVERY = Duration.ofMinutes(1);
    private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);
    private static final MediaType ATOM = new MediaType("application", "atom+xml", StandardCharsets.UTF_8);

    /** A body as it is sent: its bytes, and the same gzipped (each made once per reading, not per request). */
    private record Body(byte[] plain, byte[] gzipped) {
        static Body of(String text) {
            byte[] plain = text.getBytes(StandardCharsets.UTF_8);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(plain.length / 4 + 64);
            try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(out)) {
                gzip.write(plain);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return new Body(plain, out.toByteArray());
        }
    }

    /**
     * The page as drawn, when it was drawn and last checked, and {@code covered}: the highest
     * revision this replica had written when that check began, which the check therefore saw.
     */
    private record Rendered(PublicStatus status, Body html, Body json, Body atom, String etag, long drawnAtNanos,
                            long checkedAtNanos, long covered) {

        Rendered checked(long atNanos, long coveredNow) {
            return new Rendered(status, html, json, atom, etag, drawnAtNanos, atNanos, coveredNow);
        }
    }

    private final PublicIncidentIndex index;
    private final StatusReader reader;
    private final ObjectMapper json;
    private final boolean subscribable;
    private final MaintenanceOnStatus maintenance;
    private volatile Rendered current;

    public StatusController(PublicIncidentIndex index, StatusSettings settings, Clock clock, ObjectMapper json) {
        this(index, settings, clock, json, null, "");
    }

    /**
     * @param maintenance the windows to show; null for none
     * @param mailHost    {@code spring.mail.host}: with one set, the page offers to subscribe by mail
     */
    @Autowired
    public StatusController(PublicIncidentIndex index, StatusSettings settings, Clock clock, ObjectMapper json,
                            MaintenanceView maintenance,
                            @org.springframework.beans.factory.annotation.Value("${spring.mail.host:}") String mailHost) {
        this.index = index;
        this.reader = new StatusReader(index, settings, clock);
        this.json = json;
        this.maintenance = new MaintenanceOnStatus(maintenance, settings);
        this.subscribable = mailHost != null && !mailHost.isBlank();
    }

    @GetMapping("/status")
    public ResponseEntity<byte[]> page(@RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
                                       @RequestHeader(value = HttpHeaders.ACCEPT_ENCODING, required = false) String encodings) {
        Rendered rendered = rendered();
        return answer(rendered.etag(), ifNoneMatch, encodings, HTML, rendered.html());
    }

    @GetMapping(path = "/status.json", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> json(@RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
                                       @RequestHeader(value = HttpHeaders.ACCEPT_ENCODING, required = false) String encodings) {
        Rendered rendered = rendered();
        return answer(rendered.etag() + "-json", ifNoneMatch, encodings, MediaType.APPLICATION_JSON, rendered.json());
    }

    @GetMapping("/status/feed.atom")
    public ResponseEntity<byte[]> feed(@RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
                                       @RequestHeader(value = HttpHeaders.ACCEPT_ENCODING, required = false) String encodings) {
        Rendered rendered = rendered();
        return answer(rendered.etag() + "-atom", ifNoneMatch, encodings, ATOM, rendered.atom());
    }

    @GetMapping("/status/incidents/{id}")
    public ResponseEntity<String> incident(@PathVariable String id) {
        PublicStatus status = rendered().status();
        Optional<PublicStatus.PublicIncident> incident = status.active().stream()
                .filter(i -> i.id().equalsIgnoreCase(id)).findFirst()
                .or(() -> status.history().stream().filter(i -> i.id().equalsIgnoreCase(id)).findFirst());
        if (incident.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(HTML)
                    .body("<!doctype html><title>Not found</title><p>There is no public incident "
                            + StatusHtml.escape(id) + ". <a href=\"/status\">Status</a></p>");
        }
        return ResponseEntity.ok().contentType(HTML).cacheControl(CacheControl.maxAge(CHECK_EVERY).cachePublic())
                .body(StatusHtml.incidentPage(status, incident.get()));
    }

    private ResponseEntity<byte[]> answer(String etag, String ifNoneMatch, String encodings, MediaType type, Body body) {
        boolean gzip = encodings != null && encodings.contains("gzip");
        // The gzipped body is another representation: a tag of its own.
        String quoted = "\"" + etag + (gzip ? "-gz" : "") + "\"";
        CacheControl cache = CacheControl.maxAge(CHECK_EVERY).cachePublic();
        if (ifNoneMatch != null && java.util.Arrays.stream(ifNoneMatch.split(","))
                .map(tag -> tag.strip().replaceFirst("^W/", "")).anyMatch(quoted::equals)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(quoted).cacheControl(cache)
                    .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING).build();
        }
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok().eTag(quoted).cacheControl(cache).contentType(type)
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        return gzip ? ok.header(HttpHeaders.CONTENT_ENCODING, "gzip").body(body.gzipped()) : ok.body(body.plain());
    }

    /** The page as last drawn, checked against the index when {@link #fresh} says so, drawn again when it changed. */
    private Rendered rendered() {
        Rendered now = current;
        if (now != null && fresh(now)) {
            return now;
        }
        synchronized (this) {
            if (current != null && fresh(current)) {
                return current;
            }
            // Read before the check: every change this replica finished writing by now, the check sees.
            long covered = index.writtenHere();
            long checkedAt = System.nanoTime();
            long revisionBefore = reader.revision();
            PublicStatus status;
            try {
                status = maintenance.addedTo(reader.read());
            } catch (RuntimeException e) {
                if (current == null) {
                    throw e;
                }
                // The store is away: the page as last read serves another while, rather than every
                // visitor trying the store again.
                log.warn("Status page could not be read; serving the one drawn {} s ago: {}",
                        (checkedAt - current.drawnAtNanos()) / 1_000_000_000, e.getMessage());
                current = current.checked(checkedAt, covered);
                return current;
            }
            // Maintenance is read from its own view: a window that moved changes the page too.
            boolean changed = reader.revision() != revisionBefore || current == null
                    || !status.maintenance().equals(current.status().maintenance())
                    || !status.pastMaintenance().equals(current.status().pastMaintenance());
            if (current != null && !changed && checkedAt - current.drawnAtNanos() < DRAW_EVERY.toNanos()) {
                current = current.checked(checkedAt, covered);
                return current;
            }
            current = draw(status, checkedAt, covered);
            return current;
        }
    }

    /** Recent enough, and no change this replica wrote is missing from it. */
    private boolean fresh(Rendered rendered) {
        return System.nanoTime() - rendered.checkedAtNanos() < CHECK_EVERY.toNanos()
                && index.writtenHere() <= rendered.covered();
    }

    private Rendered draw(PublicStatus status, long checkedAt, long covered) {
        String html = StatusHtml.page(status, subscribable);
        String body;
        try {
            body = json.writeValueAsString(status);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the status does not serialise", e);
        }
        // The facts decide the tag, not the moment they were read.
        String etag = hash(body.replaceFirst("\"generatedAt\":\"[^\"]*\"", ""));
        return new Rendered(status, Body.of(html), Body.of(body), Body.of(StatusFeed.atom(status)), etag, checkedAt,
                checkedAt, covered);
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
