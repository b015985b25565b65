package io.sitrep.bot.oncall;

import java.time.Instant;

/**
 * Someone standing in on a schedule for a window, made in chat. It wins over every layer while
 * it lasts; where two overlap, the one made later wins.
 */
public record OnCallOverride(String id, String schedule, String person, Instant from, Instant until, String createdBy,
                             Instant createdAt) {

    public boolean covers(Instant at) {
        return !from.isAfter(at) && until.isAfter(at);
    }

    public boolean overlaps(Instant windowFrom, Instant windowTo) {
        return from.isBefore(windowTo) && until.isAfter(windowFrom);
    }
}
