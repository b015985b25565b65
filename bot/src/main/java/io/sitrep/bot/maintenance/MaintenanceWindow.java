package io.sitrep.bot.maintenance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One scheduled maintenance: what is done to which service (and region), from when to when,
 * where it is, and what it told the public. {@code version} is the stored record's, for
 * compare-and-set; it is not part of the record's JSON.
 *
 * @param region null for every region of the service
 * @param posts  its public posts, oldest first
 */
public record MaintenanceWindow(String id, String title, String service, String region, Instant from, Instant to,
                                MaintenanceState state, String scheduledBy, Instant scheduledAt, String reason,
                                List<Post> posts, @JsonIgnore long version) {

    /** A public post: {@code scheduled}, {@code started}, {@code completed} or {@code cancelled}. */
    public record Post(String kind, String text, Instant at) {
    }

    public MaintenanceWindow {
        posts = posts == null ? List.of() : List.copyOf(posts);
    }

    /** When the clock next moves it: its start while scheduled, its end while running, else never. */
    public Instant nextEdge() {
        return switch (state) {
            case SCHEDULED -> from;
            case IN_PROGRESS -> to;
            default -> null;
        };
    }

    /** Whether it holds back signals at {@code now}: scheduled or running, and {@code from <= now < to}. */
    public boolean runningAt(Instant now) {
        return state.active() && !now.isBefore(from) && now.isBefore(to);
    }

    /**
     * Whether a signal about {@code service} (and {@code region}, when the signal carries one) is
     * this window's: a window for a region covers a signal that names none, as health targets do.
     */
    public boolean covers(String service, String signalRegion) {
        if (service == null || !service.equalsIgnoreCase(this.service)) {
            return false;
        }
        return region == null || signalRegion == null || signalRegion.isBlank() || region.equalsIgnoreCase(signalRegion);
    }

    /** The same window moved to {@code next}, with one more post. */
    MaintenanceWindow moved(MaintenanceState next, Post post, String why) {
        List<Post> more = new ArrayList<>(posts);
        more.add(post);
        return new MaintenanceWindow(id, title, service, region, from, to, next, scheduledBy, scheduledAt,
                why == null ? reason : why, more, version);
    }

    MaintenanceWindow atVersion(long stored) {
        return new MaintenanceWindow(id, title, service, region, from, to, state, scheduledBy, scheduledAt, reason,
                posts, stored);
    }
}
