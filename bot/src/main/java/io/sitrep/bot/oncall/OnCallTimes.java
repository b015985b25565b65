package io.sitrep.bot.oncall;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Times as people give them to on-call: ISO-8601 with or without seconds and offset (UTC when
 * none), or {@code HH:MM} meaning today, UTC, as every other command reads them.
 */
final class OnCallTimes {

    /** Built once: a calendar formats a few hundred times per answer. */
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("EEE d MMM HH:mm zzz", Locale.ENGLISH);

    private OnCallTimes() {
    }

    /** @throws IllegalArgumentException with a sentence naming what was given */
    static Instant parse(String text, Clock clock) {
        String t = text.strip().replace(' ', 'T').toUpperCase(Locale.ROOT);
        try {
            if (t.matches("\\d{1,2}:\\d{2}")) {
                return LocalDate.now(clock.withZone(ZoneOffset.UTC)).atTime(LocalTime.parse(t.length() == 4 ? "0" + t : t))
                        .toInstant(ZoneOffset.UTC);
            }
            if (t.endsWith("Z") || t.matches(".*T.*[+-]\\d{2}:\\d{2}$")) {
                return OffsetDateTime.parse(t).toInstant();
            }
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time I can read: use ISO-8601 like "
                    + "2027-03-28T09:00Z, or HH:MM (UTC, today).");
        }
    }

    /** {@code Sun 28 Mar 09:00 CEST}: short, with the zone's abbreviation so the reader knows whose time it is. */
    static String format(Instant at, ZoneId zone) {
        return SHORT.format(at.atZone(zone));
    }
}
