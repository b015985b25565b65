package io.sitrep.incident.store;

import java.util.List;

/**
 * What others are to be told of a change, already written down for the delivery queue: the
 * store appends {@code entry} to the incident's delivery lane of each platform in the same
 * atomic step as the change, so a change is never stored without its posts (a crash between two
 * writes would otherwise lose them while the change stands).
 *
 * @param entry     the queue's own encoding of the delivery; opaque to the store
 * @param platforms the platforms whose lanes get it (none: nothing is queued)
 */
public record Announcement(String entry, List<String> platforms) {

    public Announcement {
        platforms = List.copyOf(platforms);
    }
}
