package io.sitrep.bot.postmortem;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import io.sitrep.bot.text.Times;
import io.sitrep.incident.TimelineEntry;

/** How every export writes times, durations and event names. */
final class ReportText {

    private ReportText() {
    }

    static String time(Instant at) {
        return at == null ? "—" : Times.format(at);
    }

    /** A negative duration (a backfilled start after detection, say) keeps its sign. */
    static String duration(Duration d) {
        return d == null ? "—" : (d.isNegative() ? "−" + Times.duration(d.negated()) : Times.duration(d));
    }

    /** {@code Status changed}. */
    static String kind(TimelineEntry entry) {
        String words = entry.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
