package io.sitrep.integrations.heartbeat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /hooks/heartbeat/{name}}: a beat of one heartbeat (the bearer token is checked by
 * the filter on {@code /hooks/*}, as for Alertmanager). The body, if any, is not read: a cron
 * job's {@code curl -X POST} is a beat. A name no heartbeat has is 404, with the names there are.
 */
@RestController
class HeartbeatWebhook {

    private final HeartbeatIntake intake;

    HeartbeatWebhook(HeartbeatIntake intake) {
        this.intake = intake;
    }

    @PostMapping(path = "/hooks/heartbeat/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> beat(@PathVariable("name") String name) {
        Optional<Instant> nextDue = intake.beat(name);
        if (nextDue.isEmpty()) {
            String known = intake.names().isEmpty() ? "No heartbeats are configured (sitrep.paging.heartbeats)."
                    : "The heartbeats are: " + String.join(", ", intake.names()) + ".";
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("ok", false, "error",
                    "No heartbeat is named '" + name + "'. " + known));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", true);
        answer.put("name", name);
        answer.put("next_due", nextDue.get().toString());
        return ResponseEntity.ok(answer);
    }
}
