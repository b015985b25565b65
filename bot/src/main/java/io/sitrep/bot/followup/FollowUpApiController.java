package io.sitrep.bot.followup;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.sitrep.bot.command.UserArgument;
import io.sitrep.incident.FollowUp;
import io.sitrep.incident.Incident;
import io.sitrep.incident.store.IncidentStore;

/**
 * {@code GET /api/followups?status=&owner=}: every incident's follow-ups, by incident and number,
 * optionally only those of one status ({@code open}, {@code done}, {@code dropped}, or
 * {@code overdue}: open and past due) and of one owner (as kept: {@code @bob}, {@code bob} or a
 * platform mention). Behind the API token like the rest of {@code /api}.
 */
@RestController
class FollowUpApiController {

    private final IncidentStore store;
    private final Clock clock;

    FollowUpApiController(IncidentStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @GetMapping(path = "/api/followups", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> followUps(@RequestParam(required = false) String status,
                                @RequestParam(required = false) String owner) {
        String wanted = status == null || status.isBlank() ? null : status.strip().toLowerCase(Locale.ROOT);
        if (wanted != null && !wanted.equals("overdue")
                && Arrays.stream(FollowUp.Status.values()).noneMatch(s -> s.word().equals(wanted))) {
            return ResponseEntity.badRequest().body(Map.of("ok", false, "error", "There is no status '" + status
                    + "'. Statuses: open, done, dropped, overdue."));
        }
        String whose = owner == null || owner.isBlank() ? null : UserArgument.parse(owner);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<FollowUpView> found = new ArrayList<>();
        for (Incident incident : store.findAll().stream().sorted((a, b) -> a.id().compareTo(b.id())).toList()) {
            for (FollowUp action : incident.postmortem().actions()) {
                boolean statusFits = wanted == null || (wanted.equals("overdue") ? action.overdueOn(today)
                        : action.status().word().equals(wanted));
                if (statusFits && (whose == null || whose.equals(action.owner()))) {
                    found.add(FollowUpView.of(incident, action, today));
                }
            }
        }
        return ResponseEntity.ok(found);
    }
}
