package io.sitrep.incident.store;

import java.time.Instant;
import java.util.List;

/**
 * What others are to be told of a change, already written down for the delivery queue: the
 * store appends {@code entry} to the incident's delivery lane of each platform in the same
 * atomic step as the change, so a change is never stored without its posts (a crash between two
 * writes would otherwise lose them while the change stands).
 *
 * @param entry     the queue's own encoding of the delivery; opaque to the store
 * @param platforms the platforms whose lanes get it (none: nothing is queued)
 * @param due       when the lanes are due, for a store that marks them due in the same step
 *                  (the queue sets it only where one step may span the change and the queue's
 *                  own keys); null: the caller marks them due after the write
 */
public record Announcement(String entry, List<String> platforms, Instant due) {

    public Announcement {
        platforms = List.copyOf(platforms);
    }

    public Announcement(String entry, List<String> platforms) {
        this(entry, platforms, null);
    }

    /** Whether the store marks the lanes due with the change, so the caller does not. */
    public boolean markedDueByStore() {
        return due != null && !platforms.isEmpty();
    }
}
