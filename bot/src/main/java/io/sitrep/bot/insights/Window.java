package io.sitrep.bot.insights;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The days the figures cover, whole UTC days from {@code from} to {@code to} inclusive: an
 * incident belongs to the window it was declared in.
 */
public record Window(LocalDate from, LocalDate to) {

    /** How far back the figures look when no window is asked for. */
    public static final int DEFAULT_DAYS = 90;
    /** The widest window asked for: a decade of weeks is already more than a chart can show. */
    static final int MAX_DAYS = 3660;

    public Window {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("from (" + from + ") is after to (" + to + ")");
        }
        if (to.toEpochDay() - from.toEpochDay() > MAX_DAYS) {
            throw new IllegalArgumentException("a window is at most " + MAX_DAYS + " days");
        }
    }

    /** The last {@link #DEFAULT_DAYS} days, today included. */
    public static Window lastDays(Clock clock) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return new Window(today.minusDays(DEFAULT_DAYS - 1L), today);
    }

    /**
     * From the query's {@code from} and {@code to} ({@code 2026-02-01}), each defaulting as the
     * default window does.
     *
     * @throws IllegalArgumentException with a message for the caller when either is not a date
     */
    public static Window parse(String from, String to, Clock clock) {
        Window otherwise = lastDays(clock);
        LocalDate end = date("to", to, otherwise.to());
        LocalDate start = date("from", from, blank(to) ? otherwise.from() : end.minusDays(DEFAULT_DAYS - 1L));
        return new Window(start, end);
    }

    public boolean contains(Instant at) {
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        return !day.isBefore(from) && !day.isAfter(to);
    }

    private static LocalDate date(String name, String text, LocalDate otherwise) {
        if (blank(text)) {
            return otherwise;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be a date like 2026-02-26");
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
