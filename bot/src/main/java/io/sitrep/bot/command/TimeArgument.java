package io.sitrep.bot.command;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import io.sitrep.bot.text.Times;

/**
 * Times as users type them: ISO-8601 ({@code 2026-02-26T08:19Z}, seconds and offset optional,
 * UTC when no offset is given; a space may stand for the T) or {@code HH:MM}, meaning today, UTC.
 */
final class TimeArgument {

    private static final Pattern CLOCK_TIME = Pattern.compile("\\d{1,2}:\\d{2}");

    private TimeArgument() {
    }

    static Instant parse(String flag, String text, Clock clock) {
        String t = text.strip().replace(' ', 'T');
        try {
            if (CLOCK_TIME.matcher(t).matches()) {
                LocalTime time = LocalTime.parse(t.length() == 4 ? "0" + t : t);
                return LocalDate.now(clock.withZone(ZoneOffset.UTC)).atTime(time).toInstant(ZoneOffset.UTC);
            }
            if (t.endsWith("Z") || t.endsWith("z") || t.matches(".*T.*[+-]\\d{2}:\\d{2}$")) {
                return OffsetDateTime.parse(t.toUpperCase(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            }
            return LocalDateTime.parse(t, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new CommandException("--" + flag + " '" + text + "' is not a time I can read: use HH:MM (UTC, today) "
                    + "or ISO-8601 like 2026-02-26T08:19Z.");
        }
    }

    /** Like {@link #parse} but refuses times after now: nothing was detected in the future. */
    static Instant parsePast(String flag, String text, Clock clock) {
        Instant at = parse(flag, text, clock);
        if (at.isAfter(clock.instant())) {
            throw new CommandException("--" + flag + " " + text + " is in the future (it is "
                    + Times.format(clock.instant()) + " now); give a full date for another day.");
        }
        return at;
    }
}
