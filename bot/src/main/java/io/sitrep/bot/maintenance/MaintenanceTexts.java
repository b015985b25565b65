package io.sitrep.bot.maintenance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.sitrep.bot.text.Times;

/** What a maintenance window's posts say, for the public: no names, times in UTC with dates. */
public final class MaintenanceTexts {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private MaintenanceTexts() {
    }

    /** "Dec 8, 2026 02:00 – 04:00 UTC"; a window over midnight names both days. */
    public static String window(Instant from, Instant to) {
        LocalDate first = from.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate last = to.atZone(ZoneOffset.UTC).toLocalDate();
        String end = first.equals(last) ? CLOCK.format(to) : DAY.format(to) + " " + CLOCK.format(to);
        return DAY.format(from) + " " + CLOCK.format(from) + " – " + end + " UTC";
    }

    /** "connectme (eu-west)". */
    public static String scope(MaintenanceWindow window) {
        return window.service() + (window.region() == null ? "" : " (" + window.region() + ")");
    }

    static String scheduled(MaintenanceWindow window) {
        return "Scheduled maintenance: " + window.title() + " on " + scope(window) + ", "
                + window(window.from(), window.to()) + ".";
    }

    static String started(MaintenanceWindow window, Instant now) {
        return "Maintenance in progress: " + window.title() + " on " + scope(window) + ", until "
                + CLOCK.format(window.to()) + " UTC." + late(window.from(), now);
    }

    static String completed(MaintenanceWindow window, Instant now) {
        return "Maintenance completed: " + window.title() + " on " + scope(window) + "." + late(window.to(), now);
    }

    static String cancelled(MaintenanceWindow window, String reason) {
        return "Maintenance cancelled: " + window.title() + " on " + scope(window) + " ("
                + window(window.from(), window.to()) + ")" + (reason == null || reason.isBlank() ? "." : ": " + reason
                + (reason.endsWith(".") ? "" : "."));
    }

    /** Said when the clock moves a window long after its edge (Sitrep was down then): it says so. */
    private static String late(Instant due, Instant now) {
        if (!now.isAfter(due.plusSeconds(60))) {
            return "";
        }
        return " (Recorded late, at " + Times.format(now) + "; it was due at " + Times.format(due) + ".)";
    }
}
