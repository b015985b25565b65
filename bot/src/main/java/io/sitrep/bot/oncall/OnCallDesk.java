package io.sitrep.bot.oncall;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What on-call answers, for the API, the calendar and the commands: the schedules as last
 * loaded, with their overrides from Redis, at the clock's now or another instant.
 */
public final class OnCallDesk {

    /** How far the calendar looks ahead. */
    public static final Duration CALENDAR_AHEAD = Duration.ofDays(90);
    /** How far back the calendar starts counting, so its first shift keeps its real start (and its UID). */
    private static final Duration CALENDAR_BACK = Duration.ofDays(35);

    private final OnCallFiles files;
    private final OverrideStore overrides;
    private final Clock clock;
    private final CalendarCache calendars = new CalendarCache();

    public OnCallDesk(OnCallFiles files, OverrideStore overrides, Clock clock) {
        this.files = files;
        this.overrides = overrides;
        this.clock = clock;
    }

    public OnCallDirectory directory() {
        return files.current();
    }

    public Clock clock() {
        return clock;
    }

    public OverrideStore overrides() {
        return overrides;
    }

    public Optional<OnCallNow> at(String scheduleId, Instant at) {
        return directory().schedule(scheduleId).map(schedule -> at(schedule, at));
    }

    public OnCallNow at(Schedule schedule, Instant at) {
        List<OnCallOverride> around = overrides.overlapping(schedule.id(), at.minus(OnCallResolver.FURTHEST),
                at.plus(OnCallResolver.FURTHEST));
        return OnCallResolver.at(schedule, around, at);
    }

    /** The schedule's calendar as RFC 5545 text, written again only when what it shows may have changed. */
    public String calendarText(Schedule schedule) {
        OnCallDirectory directory = directory();
        Instant now = clock.instant();
        return calendars.calendar(schedule, directory, overrides.version(schedule.id()), now,
                () -> calendar(schedule, now), shifts -> OnCallCalendar.write(schedule, shifts, directory, now));
    }

    /** The shifts from now to {@link #CALENDAR_AHEAD}, each with its real start even when that is past. */
    public List<Shift> calendar(Schedule schedule) {
        return calendar(schedule, clock.instant());
    }

    private List<Shift> calendar(Schedule schedule, Instant now) {
        Instant from = now.minus(CALENDAR_BACK);
        Instant to = now.plus(CALENDAR_AHEAD);
        return ScheduleTimeline.between(schedule, overrides.overlapping(schedule.id(), from, to), from, to).stream()
                .filter(shift -> shift.until().isAfter(now)).toList();
    }
}
