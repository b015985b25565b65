package io.sitrep.bot.oncall;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local hours a restricted layer covers ({@code only: "MON-FRI 08:00-18:00"}): on the days
 * named, from the start time to the end time in the schedule's zone. An end at or before the
 * start runs past midnight ({@code "22:00-06:00"}), the night belonging to the day it starts.
 */
public record CoveredHours(Set<DayOfWeek> days, LocalTime start, LocalTime end) {

    private static final Pattern FORMAT = Pattern.compile("(?:([A-Za-z,\\-]+)\\s+)?(\\d{1,2}:\\d{2})-(\\d{1,2}:\\d{2})");

    /**
     * Parses {@code "MON-FRI 08:00-18:00"}, {@code "SAT,SUN 10:00-16:00"} or {@code "08:00-18:00"}
     * (every day).
     *
     * @throws IllegalArgumentException with a sentence saying what is wrong
     */
    public static CoveredHours parse(String text) {
        Matcher matcher = FORMAT.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a restriction like \"MON-FRI 08:00-18:00\"");
        }
        Set<DayOfWeek> days = matcher.group(1) == null ? EnumSet.allOf(DayOfWeek.class) : days(matcher.group(1));
        LocalTime start = Handoff.time(matcher.group(2));
        LocalTime end = Handoff.time(matcher.group(3));
        if (start.equals(end)) {
            throw new IllegalArgumentException("'" + text + "' starts and ends at the same time; leave 'only' out to "
                    + "cover the whole day");
        }
        return new CoveredHours(days, start, end);
    }

    private static Set<DayOfWeek> days(String text) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : text.split(",")) {
            String[] range = part.split("-", -1);
            if (range.length > 2) {
                throw new IllegalArgumentException("'" + part + "' is not a day or a range of days like MON-FRI");
            }
            DayOfWeek first = Handoff.day(range[0]);
            DayOfWeek last = range.length == 2 ? Handoff.day(range[1]) : first;
            for (DayOfWeek day = first; ; day = day.plus(1)) {
                days.add(day);
                if (day == last) {
                    break;
                }
            }
        }
        return days;
    }

    /** The covered stretches within {@code [from, to)}, in order. */
    List<Instant[]> within(Instant from, Instant to, ZoneId zone) {
        List<Instant[]> windows = new ArrayList<>();
        // A night window that started the day before may still be running at from.
        LocalDate day = from.atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = to.atZone(zone).toLocalDate();
        for (; !day.isAfter(last); day = day.plusDays(1)) {
            if (!days.contains(day.getDayOfWeek())) {
                continue;
            }
            Instant open = ZonedDateTime.of(day, start, zone).toInstant();
            Instant close = ZonedDateTime.of(end.isAfter(start) ? day : day.plusDays(1), end, zone).toInstant();
            Instant clippedOpen = open.isBefore(from) ? from : open;
            Instant clippedClose = close.isAfter(to) ? to : close;
            if (clippedOpen.isBefore(clippedClose)) {
                windows.add(new Instant[] {clippedOpen, clippedClose});
            }
        }
        return windows;
    }

    @Override
    public String toString() {
        return days + " " + start + "-" + end;
    }

    static String upper(String text) {
        return text.strip().toUpperCase(Locale.ROOT);
    }

    static LocalTime timeOrThrow(String text) {
        try {
            return LocalTime.parse(text.length() == 4 ? "0" + text : text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time of day like 09:00");
        }
    }
}
