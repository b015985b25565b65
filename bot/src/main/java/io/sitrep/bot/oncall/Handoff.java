package io.sitrep.bot.oncall;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * When a layer's shift changes hands, in the schedule's local time: {@code "MON 09:00"} for a
 * weekly rotation, {@code "09:00"} for daily ones and custom lengths. {@code day} is null for
 * the latter.
 */
public record Handoff(DayOfWeek day, LocalTime time) {

    /**
     * @throws IllegalArgumentException with a sentence saying what is wrong
     */
    public static Handoff parse(String text, boolean weekly) {
        String[] parts = text.strip().split("\\s+");
        if (weekly) {
            if (parts.length != 2) {
                throw new IllegalArgumentException("a weekly rotation hands off on a day at a time, like \"MON 09:00\"; "
                        + "got '" + text + "'");
            }
            return new Handoff(day(parts[0]), time(parts[1]));
        }
        if (parts.length != 1) {
            throw new IllegalArgumentException("this rotation hands off at a time of day, like \"09:00\"; got '"
                    + text + "'");
        }
        return new Handoff(null, time(parts[0]));
    }

    static DayOfWeek day(String text) {
        String wanted = CoveredHours.upper(text);
        return Arrays.stream(DayOfWeek.values()).filter(d -> d.name().startsWith(wanted) && wanted.length() >= 3)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not a day; days are "
                        + Arrays.stream(DayOfWeek.values()).map(d -> d.name().substring(0, 3))
                        .collect(Collectors.joining(", "))));
    }

    static LocalTime time(String text) {
        if (!text.matches("\\d{1,2}:\\d{2}")) {
            throw new IllegalArgumentException("'" + text + "' is not a time of day like 09:00");
        }
        return CoveredHours.timeOrThrow(text);
    }

    @Override
    public String toString() {
        return (day == null ? "" : day.name().substring(0, 3) + " ") + time;
    }
}
