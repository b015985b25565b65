package io.sitrep.bot.oncall;

import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * On-call over HTTP: who is on call for each schedule (behind the API token, as all of
 * {@code /api}), a new calendar key for a schedule (the token holder administers), and each
 * schedule's calendar, opened by its secret key alone since calendar applications send no token.
 */
@RestController
class OnCallController {

    static final MediaType CALENDAR = MediaType.parseMediaType("text/calendar;charset=UTF-8");

    private final OnCallDesk desk;
    private final CalendarKeys keys;

    OnCallController(OnCallDesk desk, CalendarKeys keys) {
        this.desk = desk;
        this.keys = keys;
    }

    @GetMapping(path = "/api/oncall", produces = MediaType.APPLICATION_JSON_VALUE)
    List<OnCallView> all() {
        Instant now = desk.clock().instant();
        return desk.directory().allSchedules().stream()
                .map(schedule -> OnCallView.of(desk.at(schedule, now), calendarUrl(schedule.id(), keys.keyOf(schedule.id()))))
                .toList();
    }

    @GetMapping(path = "/api/oncall/{schedule}", produces = MediaType.APPLICATION_JSON_VALUE)
    OnCallView one(@PathVariable String schedule, @RequestParam(required = false) String at) {
        Schedule found = known(schedule);
        Instant when = at == null || at.isBlank() ? desk.clock().instant() : time(at);
        return OnCallView.of(desk.at(found, when), calendarUrl(found.id(), keys.keyOf(found.id())));
    }

    /** A new secret for the schedule's calendar: the old URL stops working at once. */
    @PostMapping(path = "/api/oncall/{schedule}/calendar-key", produces = MediaType.APPLICATION_JSON_VALUE)
    CalendarKeyView rotateCalendarKey(@PathVariable String schedule) {
        Schedule found = known(schedule);
        return new CalendarKeyView(true, found.id(), calendarUrl(found.id(), keys.rotate(found.id())));
    }

    /** The key decides alone: a wrong key and an unknown schedule get the same answer. */
    @GetMapping(path = "/oncall/{schedule}.ics")
    ResponseEntity<String> calendar(@PathVariable String schedule, @RequestParam(required = false) String key) {
        Schedule found = desk.directory().schedule(schedule).orElse(null);
        if (found == null || !keys.opens(found.id(), key)) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_JSON)
                    .body("{\"ok\":false,\"error\":\"There is no calendar at this address.\"}");
        }
        return ResponseEntity.ok().contentType(CALENDAR)
                .header("Content-Disposition", "inline; filename=\"" + found.id() + ".ics\"")
                .header("Cache-Control", "private, max-age=300")
                .body(desk.calendarText(found));
    }

    record CalendarKeyView(boolean ok, String schedule, String calendar) {
    }

    record OnCallError(boolean ok, String error) {
    }

    private Schedule known(String id) {
        return desk.directory().schedule(id).orElseThrow(() -> new NoSuchScheduleException(id,
                desk.directory().schedules().keySet()));
    }

    private Instant time(String at) {
        try {
            return OnCallTimes.parse(at, desk.clock());
        } catch (IllegalArgumentException e) {
            throw new BadTimeException("at " + e.getMessage());
        }
    }

    private static String calendarUrl(String schedule, String key) {
        UriComponentsBuilder base = ServletUriComponentsBuilder.fromCurrentContextPath();
        return base.path("/oncall/{schedule}.ics").queryParam("key", "{key}").buildAndExpand(schedule, key)
                .encode().toUriString();
    }

    @ExceptionHandler(NoSuchScheduleException.class)
    ResponseEntity<OnCallError> noSuchSchedule(NoSuchScheduleException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new OnCallError(false, e.getMessage()));
    }

    @ExceptionHandler(BadTimeException.class)
    ResponseEntity<OnCallError> badTime(BadTimeException e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(new OnCallError(false, e.getMessage()));
    }

    static final class NoSuchScheduleException extends RuntimeException {
        NoSuchScheduleException(String id, java.util.Collection<String> known) {
            super("There is no schedule '" + id + "'. " + (known.isEmpty() ? "No schedules are loaded."
                    : "Schedules: " + String.join(", ", known) + "."));
        }
    }

    static final class BadTimeException extends RuntimeException {
        BadTimeException(String message) {
            super(message);
        }
    }
}
