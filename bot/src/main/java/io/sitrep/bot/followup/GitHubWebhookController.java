package io.sitrep.bot.followup;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sitrep.config.FollowUpSettings;
import io.sitrep.incident.FollowUp;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.store.IncidentStore;

/**
 * {@code POST /hooks/github}: GitHub's {@code issues} events for the follow-ups' repository. Only
 * a body signed with {@code sitrep.followups.github.webhook-secret} ({@code X-Hub-Signature-256},
 * compared in constant time) is read; anything else is 401 and changes nothing. An issue closed
 * marks its follow-up done, one reopened reopens it; the follow-up is found by the marker in the
 * issue's body, or else by the issue recorded on it. A repeat of an event changes nothing more.
 */
@RestController
class GitHubWebhookController {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FollowUpSettings settings;
    private final TrackerEvents events;

    GitHubWebhookController(FollowUpSettings settings, IncidentStore store, IncidentWriter writer, Clock clock) {
        this.settings = settings;
        this.events = new TrackerEvents(store, writer, clock);
    }

    @PostMapping(path = "/hooks/github")
    ResponseEntity<Map<String, Object>> event(@RequestBody(required = false) byte[] body,
                                              @RequestHeader(name = "X-Hub-Signature-256", required = false) String signature,
                                              @RequestHeader(name = "X-GitHub-Event", required = false) String event)
            throws java.io.IOException {
        String secret = settings.github().webhookSecret();
        if (secret == null || secret.isBlank()) {
            return answer(HttpStatus.NOT_FOUND, "GitHub webhooks are not set up: sitrep.followups.github.webhook-secret.");
        }
        byte[] payload = body == null ? new byte[0] : body;
        if (!signedWith(secret, payload, signature)) {
            return answer(HttpStatus.UNAUTHORIZED, "The X-Hub-Signature-256 does not match this body.");
        }
        if (!"issues".equals(event)) {
            return answer(HttpStatus.OK, "Ignored: only issues events are read.");
        }
        JsonNode hook = JSON.readTree(payload);
        FollowUp.Status to = switch (hook.path("action").asText()) {
            case "closed" -> FollowUp.Status.DONE;
            case "reopened" -> FollowUp.Status.OPEN;
            default -> null;
        };
        String repo = hook.path("repository").path("full_name").asText();
        if (to == null || !repo.equalsIgnoreCase(settings.github().repo())) {
            return answer(HttpStatus.OK, "Ignored: no follow-up changes with it.");
        }
        JsonNode issue = hook.path("issue");
        String key = repo + "#" + issue.path("number").asLong();
        String how = (to == FollowUp.Status.DONE ? "closed" : "reopened") + " in " + key
                + (hook.path("sender").path("login").isMissingNode() ? "" : " by " + hook.path("sender").path("login").asText());
        Optional<FollowUpRef> ref = events.set(FollowUpRef.findIn(markerIn(issue.path("body").asText(""))),
                GitHubIssues.KIND, key, to, how);
        return answer(HttpStatus.OK, ref.map(r -> r + " is " + to.word() + ".")
                .orElse("Ignored: " + key + " tracks no follow-up."));
    }

    /** The id in the body's marker only: an issue may well mention other follow-ups in its text. */
    private static String markerIn(String body) {
        int at = body.indexOf("<!-- sitrep:");
        return at < 0 ? "" : body.substring(at, Math.min(body.length(), at + 40));
    }

    static boolean signedWith(String secret, byte[] body, String signature) {
        if (signature == null || !signature.startsWith("sha256=")) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = HexFormat.of().formatHex(mac.doFinal(body)).getBytes(StandardCharsets.US_ASCII);
            return MessageDigest.isEqual(expected, signature.substring("sha256=".length()).strip()
                    .toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    static ResponseEntity<Map<String, Object>> answer(HttpStatus status, String text) {
        return ResponseEntity.status(status).body(Map.of("ok", status.is2xxSuccessful(), "text", text));
    }
}
