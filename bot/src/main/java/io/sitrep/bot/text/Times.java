package io.sitrep.bot.text;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How times read in chat: always UTC, always with the date. */
public final class Times {

    private static final DateTimeFormatter CHAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    /** The status-page style of the incident this product comes from: {@code Mar 05, 2026 - 10:43 UTC}. */
    private static final DateTimeFormatter STATUS_POST = DateTimeFormatter.ofPattern("MMM dd, yyyy - HH:mm 'UTC'",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private Times() {
    }

    public static String format(Instant at) {
        return at == null ? "—" : CHAT.format(at);
    }

    public static String statusPost(Instant at) {
        return STATUS_POST.format(at);
    }

    /** {@code 1h 05m}, {@code 12m}, {@code 40s}. */
    public static String duration(Duration d) {
        long seconds = Math.max(0, d.getSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 48) {
            return String.format(Locale.ROOT, "%dh %02dm", hours, minutes % 60);
        }
        return String.format(Locale.ROOT, "%dd %02dh", hours / 24, hours % 24);
    }
}
