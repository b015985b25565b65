package io.sitrep.bot.oncall;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A stretch of time one person is on call: from a layer of the schedule, or from an override
 * (then {@code layer} is {@code "override"}). {@code until} is exclusive; null means no change
 * is known within the look-ahead.
 */
public record Shift(String person, String layer, Instant from, Instant until, boolean override) {

    public static final String OVERRIDE_LAYER = "override";

    public boolean covers(Instant at) {
        return !from.isAfter(at) && (until == null || until.isAfter(at));
    }

    /** Same person from the same source: two such shifts back to back read as one. */
    boolean continues(Shift earlier) {
        return earlier.person.equals(person) && earlier.layer.equals(layer) && earlier.override == override
                && earlier.until != null && earlier.until.equals(from);
    }

    Shift until(Instant newUntil) {
        return new Shift(person, layer, from, newUntil, override);
    }

    public ZonedDateTime fromIn(ZoneId zone) {
        return from.atZone(zone);
    }

    public ZonedDateTime untilIn(ZoneId zone) {
        return until == null ? null : until.atZone(zone);
    }
}
