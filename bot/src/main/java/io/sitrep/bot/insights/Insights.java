package io.sitrep.bot.insights;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The figures for a window, from the summaries read at most {@link #freshFor} ago: one reading
 * serves every window until it is that old, or until this replica changed an incident. A
 * reading after the first fetches only the summaries written since the one before, so its cost
 * follows the changes, not the incidents kept. A window's figures are added up once per
 * reading and kept with it.
 */
public final class Insights {

    private record Reading(long revision, Map<String, IncidentSummary> byId, List<IncidentSummary> summaries,
                           long readAtNanos, java.time.Instant readAt, Map<Window, InsightsReport> reports) {
    }

    /** Windows kept per reading; a caller asking for ever new ones gets them added up each time. */
    private static final int KEPT_WINDOWS = 64;

    private final InsightsIndex index;
    private final Clock clock;
    private final Duration freshFor;
    private volatile Reading current;
    /** This replica wrote a summary after the current reading began. */
    private volatile boolean behind;

    public Insights(InsightsIndex index, Clock clock, Duration freshFor) {
        this.index = index;
        this.clock = clock;
        this.freshFor = freshFor;
        index.onChange(() -> behind = true);
    }

    public Duration freshFor() {
        return freshFor;
    }

    public Clock clock() {
        return clock;
    }

    private boolean fresh(Reading reading) {
        return reading != null && !behind && System.nanoTime() - reading.readAtNanos() < freshFor.toNanos();
    }

    public InsightsReport report(Window window) {
        Reading reading = reading();
        if (reading.reports().size() >= KEPT_WINDOWS) {
            return InsightsReport.of(reading.summaries(), window, reading.readAt());
        }
        return reading.reports().computeIfAbsent(window,
                w -> InsightsReport.of(reading.summaries(), w, reading.readAt()));
    }

    private Reading reading() {
        Reading now = current;
        if (fresh(now)) {
            return now;
        }
        synchronized (this) {
            Reading last = current;
            if (fresh(last)) {
                return last;
            }
            long startedAt = System.nanoTime();
            behind = false; // before the read: a write landing during it marks the next reading behind again
            InsightsIndex.Changes changes = index.changedSince(last == null ? 0 : last.revision());
            Map<String, IncidentSummary> byId = changes.whole() ? changes.byId() : new HashMap<>(last.byId());
            if (!changes.whole()) {
                byId.putAll(changes.byId());
            }
            Reading next = new Reading(changes.revision(), byId, List.copyOf(byId.values()), startedAt, clock.instant(),
                    new ConcurrentHashMap<>());
            current = next;
            return next;
        }
    }
}
