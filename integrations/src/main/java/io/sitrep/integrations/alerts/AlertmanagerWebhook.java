package io.sitrep.integrations.alerts;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code POST /hooks/alertmanager}: Prometheus Alertmanager's webhook, payload version 4 (the
 * bearer token is checked by the filter on {@code /hooks/*}). A body that is not such a payload
 * is refused with 400 and changes nothing; each alert is read completely before any is acted on.
 * A notification the intake cannot take now (the store unavailable, or its alerts being recorded
 * by another delivery at this moment) is answered 503, and Alertmanager sends it again.
 */
@RestController
class AlertmanagerWebhook {

    private final AlertIntake intake;
    private final ObjectMapper json = new ObjectMapper();

    AlertmanagerWebhook(AlertIntake intake) {
        this.intake = intake;
    }

    @PostMapping(path = "/hooks/alertmanager", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> receive(@RequestBody(required = false) String body) {
        List<Alert> alerts;
        try {
            alerts = read(body);
        } catch (IllegalArgumentException e) {
            return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(Map.of("ok", false, "error", e.getMessage()));
        }
        AlertIntake.Result result = intake.receive(alerts);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", true);
        answer.put("declared", result.declared());
        answer.put("attached", result.attached());
        answer.put("resolved", result.resolved());
        answer.put("repeats", result.repeats());
        answer.put("stormed", result.stormed());
        return ResponseEntity.ok(answer);
    }

    private List<Alert> read(String body) {
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("The body is empty; Alertmanager sends a JSON notification (version 4).");
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("The body is not JSON: " + e.getOriginalMessage());
        }
        if (!"4".equals(root.path("version").asText())) {
            throw new IllegalArgumentException("Only Alertmanager webhook payload version 4 is understood; this says '"
                    + root.path("version").asText("none") + "'.");
        }
        JsonNode list = root.path("alerts");
        if (!list.isArray()) {
            throw new IllegalArgumentException("The payload has no \"alerts\" array.");
        }
        String groupKey = root.path("groupKey").asText("");
        List<Alert> alerts = new ArrayList<>();
        for (JsonNode node : list) {
            String status = node.path("status").asText();
            if (!status.equals("firing") && !status.equals("resolved")) {
                throw new IllegalArgumentException("An alert's status must be firing or resolved, not '" + status + "'.");
            }
            Map<String, String> labels = strings(node.path("labels"));
            String fingerprint = node.path("fingerprint").asText("");
            if (fingerprint.isBlank() || labels.get("alertname") == null || labels.get("alertname").isBlank()) {
                throw new IllegalArgumentException("Every alert needs a fingerprint and an alertname label.");
            }
            alerts.add(new Alert(status.equals("firing"), labels.get("alertname"), labels, strings(node.path("annotations")),
                    instant(node.path("startsAt").asText(null)), instant(node.path("endsAt").asText(null)), fingerprint,
                    groupKey));
        }
        return alerts;
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    /** Alertmanager writes {@code 0001-01-01T00:00:00Z} for "not ended"; that reads as none. */
    private static Instant instant(String text) {
        if (text == null || text.isBlank() || text.startsWith("0001-")) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException again) {
                throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 time.");
            }
        }
    }
}
