package io.sitrep.bot.maintenance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The windows scheduled or in progress as this replica last read them, read again when the
 * reading is {@code readEvery} old or this replica changed one: asking which window covers an
 * alert costs no Redis round trip. A window counts as running from its {@code from} to its
 * {@code to} by the clock, whether or not the clock loop has posted its start yet.
 */
public final class MaintenanceView {

    private static final Logger log = LoggerFactory.getLogger(MaintenanceView.class);

    private final MaintenanceStore store;
    private final Clock clock;
    private final Duration readEvery;
    /** How far back ended windows are kept in view: the status page's history. */
    private static final Duration ENDED_SHOWN = Duration.ofDays(90);
    private static final int ENDED_MAX = 20;

    private volatile List<MaintenanceWindow> active = List.of();
    private volatile List<MaintenanceWindow> ended = List.of();
    private volatile Instant readAt;

    public MaintenanceView(MaintenanceStore store, Clock clock, Duration readEvery) {
        this.store = store;
        this.clock = clock;
        this.readEvery = readEvery;
    }

    /** The next question reads Redis again. */
    public void forget() {
        readAt = null;
    }

    /** Scheduled and in-progress windows, soonest first. */
    public List<MaintenanceWindow> active() {
        Instant now = clock.instant();
        Instant last = readAt;
        if (last == null || !now.isBefore(last.plus(readEvery)) || now.isBefore(last)) {
            try {
                active = store.active();
                ended = store.endedSince(now.minus(ENDED_SHOWN), ENDED_MAX);
                readAt = now;
            } catch (RuntimeException e) {
                // The last reading stands until Redis answers again.
                log.warn("Maintenance windows could not be read; using those read at {}: {}", last, e.getMessage());
            }
        }
        return active;
    }

    /** Windows completed or called off in the last 90 days (at most 20), newest first, as last read. */
    public List<MaintenanceWindow> ended() {
        active();
        return ended;
    }

    /** The window running now that covers {@code service} (and {@code region}, when the signal names one). */
    public Optional<MaintenanceWindow> covering(String service, String region) {
        Instant now = clock.instant();
        return active().stream().filter(w -> w.runningAt(now)).filter(w -> w.covers(service, region)).findFirst();
    }
}
