package io.sitrep.bot.followup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sitrep.config.FollowUpSettings;
import io.sitrep.incident.FollowUp;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.store.IncidentStore;

/**
 * {@code POST /hooks/jira?token=<sitrep.followups.jira.webhook-token>}: Jira's issue events for
 * the follow-ups' project (Jira's webhooks send no header of our choosing, so the token is in the
 * URL; compared in constant time, 401 otherwise). An issue updated with a resolution marks its
 * follow-up done; one whose resolution was cleared (reopened) reopens it. The follow-up is found
 * by the issue's {@code sitrep-INC-7-A2} label, or else by the issue recorded on it.
 */
@RestController
class JiraWebhookController {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FollowUpSettings settings;
    private final TrackerEvents events;

    JiraWebhookController(FollowUpSettings settings, IncidentStore store, IncidentWriter writer, Clock clock) {
        this.settings = settings;
        this.events = new TrackerEvents(store, writer, clock);
    }

    @PostMapping(path = "/hooks/jira")
    ResponseEntity<Map<String, Object>> event(@RequestBody(required = false) byte[] body,
                                              @RequestParam(required = false) String token) throws java.io.IOException {
        String expected = settings.jira().webhookToken();
        if (expected == null || expected.isBlank()) {
            return GitHubWebhookController.answer(HttpStatus.NOT_FOUND,
                    "Jira webhooks are not set up: sitrep.followups.jira.webhook-token.");
        }
        if (token == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8))) {
            return GitHubWebhookController.answer(HttpStatus.UNAUTHORIZED, "The token is missing or wrong.");
        }
        JsonNode hook = JSON.readTree(body == null ? new byte[0] : body);
        JsonNode issue = hook.path("issue");
        String key = issue.path("key").asText();
        boolean resolved = !issue.path("fields").path("resolution").isNull()
                && !issue.path("fields").path("resolution").isMissingNode();
        boolean resolutionChanged = false;
        for (JsonNode item : hook.path("changelog").path("items")) {
            resolutionChanged |= item.path("field").asText().equals("resolution");
        }
        // Without a change of resolution in the event, only a resolved issue says anything.
        if (key.isEmpty() || (!resolved && !resolutionChanged)) {
            return GitHubWebhookController.answer(HttpStatus.OK, "Ignored: no follow-up changes with it.");
        }
        Optional<FollowUpRef> labelled = Optional.empty();
        for (JsonNode label : issue.path("fields").path("labels")) {
            labelled = labelled.or(() -> JiraIssues.fromLabel(label.asText()));
        }
        FollowUp.Status to = resolved ? FollowUp.Status.DONE : FollowUp.Status.OPEN;
        String how = (resolved ? "resolved" : "reopened") + " in " + key;
        Optional<FollowUpRef> ref = events.set(labelled, JiraIssues.KIND, key, to, how);
        return GitHubWebhookController.answer(HttpStatus.OK, ref.map(r -> r + " is " + to.word() + ".")
                .orElse("Ignored: " + key + " tracks no follow-up."));
    }
}
