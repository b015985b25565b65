package io.sitrep.bot.insights;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The figures for a window, from the summaries read at most {@link #freshFor} ago: one read of
 * the summaries hash serves every window until it is that old, or until this replica changed
 * an incident. A window's figures are added up once per read and kept with it.
 */
public final class Insights {

    private record Reading(List<IncidentSummary> summaries, long readAtNanos, java.time.Instant readAt,
                           Map<Window, InsightsReport> reports) {
    }

    /** Windows kept per reading; a caller asking for ever new ones gets them added up each time. */
    private static final int KEPT_WINDOWS = 64;

    private final InsightsIndex index;
    private final Clock clock;
    private final Duration freshFor;
    private volatile Reading current;

    public Insights(InsightsIndex index, Clock clock, Duration freshFor) {
        this.index = index;
        this.clock = clock;
        this.freshFor = freshFor;
        index.onChange(() -> current = null);
    }

    public Duration freshFor() {
        return freshFor;
    }

    public Clock clock() {
        return clock;
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
        if (now != null && System.nanoTime() - now.readAtNanos() < freshFor.toNanos()) {
            return now;
        }
        synchronized (this) {
            if (current != null && System.nanoTime() - current.readAtNanos() < freshFor.toNanos()) {
                return current;
            }
            long startedAt = System.nanoTime();
            Reading fresh = new Reading(index.readAll(), startedAt, clock.instant(), new ConcurrentHashMap<>());
            current = fresh;
            return fresh;
        }
    }
}
