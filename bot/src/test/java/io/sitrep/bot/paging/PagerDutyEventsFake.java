package io.sitrep.bot.paging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * PagerDuty's Events API v2 as documented: 202 for a valid event; 400 with its
 * {@code status}, {@code message} and {@code errors} for one that is not — a routing key of 32
 * characters, a known {@code event_action}, a dedup key, and for a trigger a payload with a
 * summary (at most 1024 characters), a source and a known severity.
 */
final class PagerDutyEventsFake implements Function<ScriptedReceiver.Request, ScriptedReceiver.Answer> {

    private static final Set<String> ACTIONS = Set.of("trigger", "acknowledge", "resolve");
    private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public ScriptedReceiver.Answer apply(ScriptedReceiver.Request request) {
        JsonNode event = request.json();
        List<String> errors = errors(event);
        if (!errors.isEmpty()) {
            return invalid(errors);
        }
        return new ScriptedReceiver.Answer(202, Map.of(), "{\"status\":\"success\",\"message\":\"Event processed\","
                + "\"dedup_key\":\"" + event.path("dedup_key").asText() + "\"}");
    }

    static ScriptedReceiver.Answer invalid(List<String> errors) {
        ObjectNode body = JSON.createObjectNode().put("status", "invalid event").put("message",
                "Event object is invalid");
        errors.forEach(body.putArray("errors")::add);
        return new ScriptedReceiver.Answer(400, Map.of(), body.toString());
    }

    static List<String> errors(JsonNode event) {
        List<String> errors = new ArrayList<>();
        if (event.path("routing_key").asText().length() != 32) {
            errors.add("Length of 'routing_key' is incorrect (should be 32 characters)");
        }
        String action = event.path("event_action").asText();
        if (!ACTIONS.contains(action)) {
            errors.add("'event_action' is invalid (must be one of the following: 'trigger', 'acknowledge' or 'resolve')");
        }
        String dedupKey = event.path("dedup_key").asText();
        if (dedupKey.isEmpty() || dedupKey.length() > 255) {
            errors.add("'dedup_key' is missing or longer than 255 characters");
        }
        if (action.equals("trigger")) {
            JsonNode payload = event.path("payload");
            String summary = payload.path("summary").asText();
            if (summary.isEmpty() || summary.length() > 1024) {
                errors.add("'payload.summary' is missing or longer than 1024 characters");
            }
            if (payload.path("source").asText().isEmpty()) {
                errors.add("'payload.source' is missing");
            }
            if (!SEVERITIES.contains(payload.path("severity").asText())) {
                errors.add("'payload.severity' is invalid (must be one of: critical, error, warning, info)");
            }
        }
        return errors;
    }
}
