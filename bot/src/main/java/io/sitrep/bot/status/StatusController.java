package io.sitrep.bot.status;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

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

import io.sitrep.config.StatusSettings;
import io.sitrep.incident.store.IncidentStore;

/**
 * The public status page: {@code GET /status}, {@code /status/incidents/INC-n},
 * {@code /status.json} and the Atom feed {@code /status/feed.atom}, without a token. What the page says is read at most every few seconds
 * and kept with its ETag, so a crowd of stakeholders polling costs one read, and a conditional
 * request that still matches is answered 304 without rendering anything.
 */
@RestController
public class StatusController {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StatusController.class);

    /** How long one reading of the incidents serves; a post shows within this. */
    private static final Duration FRESH_FOR = Duration.ofSeconds(5);
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

    private record Rendered(PublicStatus status, Body html, Body json, Body atom, String etag, long readAtNanos) {
    }

    private final StatusReader reader;
    private final ObjectMapper json;
    private volatile Rendered current;

    public StatusController(IncidentStore store, StatusSettings settings, Clock clock, ObjectMapper json) {
        this.reader = new StatusReader(store, settings, clock);
        this.json = json;
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
        return ResponseEntity.ok().contentType(HTML).cacheControl(CacheControl.maxAge(FRESH_FOR).cachePublic())
                .body(StatusHtml.incidentPage(status, incident.get()));
    }

    private ResponseEntity<byte[]> answer(String etag, String ifNoneMatch, String encodings, MediaType type, Body body) {
        boolean gzip = encodings != null && encodings.contains("gzip");
        // The gzipped body is another representation: a tag of its own.
        String quoted = "\"" + etag + (gzip ? "-gz" : "") + "\"";
        CacheControl cache = CacheControl.maxAge(FRESH_FOR).cachePublic();
        if (ifNoneMatch != null && java.util.Arrays.stream(ifNoneMatch.split(","))
                .map(tag -> tag.strip().replaceFirst("^W/", "")).anyMatch(quoted::equals)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(quoted).cacheControl(cache)
                    .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING).build();
        }
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok().eTag(quoted).cacheControl(cache).contentType(type)
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        return gzip ? ok.header(HttpHeaders.CONTENT_ENCODING, "gzip").body(body.gzipped()) : ok.body(body.plain());
    }

    /** The page as last read, or read again once it is older than {@link #FRESH_FOR}. */
    private Rendered rendered() {
        Rendered now = current;
        if (now != null && System.nanoTime() - now.readAtNanos() < FRESH_FOR.toNanos()) {
            return now;
        }
        synchronized (this) {
            if (current != null && System.nanoTime() - current.readAtNanos() < FRESH_FOR.toNanos()) {
                return current;
            }
            PublicStatus status;
            try {
                status = reader.read();
            } catch (RuntimeException e) {
                if (current == null) {
                    throw e;
                }
                // The store is away: the page as last read serves another while, rather than every
                // visitor starting a scan of their own.
                log.warn("Status page could not be read; serving the one read {} s ago: {}",
                        (System.nanoTime() - current.readAtNanos()) / 1_000_000_000, e.getMessage());
                current = new Rendered(current.status(), current.html(), current.json(), current.atom(), current.etag(),
                        System.nanoTime());
                return current;
            }
            String html = StatusHtml.page(status);
            String body;
            try {
                body = json.writeValueAsString(status);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the status does not serialise", e);
            }
            // The facts decide the tag, not the moment they were read.
            String etag = hash(body.replaceFirst("\"generatedAt\":\"[^\"]*\"", ""));
            current = new Rendered(status, Body.of(html), Body.of(body), Body.of(StatusFeed.atom(status)), etag,
                    System.nanoTime());
            return current;
        }
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
