package io.sitrep.bot.maintenance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every move of a maintenance window: scheduling it, calling it off, and the clock's edges
 * (start at {@code from}, completion at {@code to}). Each is one compare-and-set write of the
 * window with its post and timeline entry, and the post is owed to the listeners in that write:
 * each post is made once across replicas, and told — here at once, or by any replica's clock
 * after a crash or a failed listener — until the listeners took it.
 */
public final class MaintenanceDesk {

    private static final Logger log = LoggerFactory.getLogger(MaintenanceDesk.class);
    /** Long enough to tell a post to every listener; if this instance dies, another tells it after. */
    static final Duration TELLING_LEASE = Duration.ofMinutes(1);
    private static final int BATCH = 50;

    private final MaintenanceStore store;
    private final Clock clock;
    private volatile MaintenancePosts posts = MaintenancePosts.NONE;
    private volatile Runnable changed = () -> { };

    public MaintenanceDesk(MaintenanceStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Where the posts go beyond the status page (set at wiring). */
    public void postTo(MaintenancePosts listener) {
        this.posts = listener;
    }

    /** Run after each change this instance wrote: the view of running windows reads again. */
    public void onChange(Runnable listener) {
        this.changed = listener;
    }

    public MaintenanceStore store() {
        return store;
    }

    public Clock clock() {
        return clock;
    }

    /** A new window, scheduled; its first post says when. */
    public MaintenanceWindow schedule(String title, String service, String region, Instant from, Instant to,
                                      String by) {
        Instant now = clock.instant();
        MaintenanceStore.Change change = store.create(id -> {
            MaintenanceWindow planned = new MaintenanceWindow(id, title, service, region, from, to,
                    MaintenanceState.SCHEDULED, by, now, null, List.of(), 0);
            String text = MaintenanceTexts.scheduled(planned);
            MaintenanceWindow window = new MaintenanceWindow(id, title, service, region, from, to,
                    MaintenanceState.SCHEDULED, by, now, null, List.of(new MaintenanceWindow.Post("scheduled", text, now)), 0);
            return new MaintenanceStore.Change(window, List.of(entry(now, "scheduled", by, text)));
        });
        return told(change);
    }

    /** Calls a window off before it ends; empty when it is over or called off already. */
    public Optional<MaintenanceWindow> cancel(String id, String reason, String by) {
        Instant now = clock.instant();
        return store.change(id, current -> {
            if (!current.state().active()) {
                return Optional.empty();
            }
            String text = MaintenanceTexts.cancelled(current, reason);
            return Optional.of(move(current, MaintenanceState.CANCELLED, "cancelled", text, by, reason, now));
        }).map(this::told);
    }

    /**
     * Moves a window across the edges that have come by now: a start, a completion, or — after
     * downtime past its end — both, each once, saying it is late.
     *
     * @return how many moves this instance wrote
     */
    public int advance(String id) {
        int moved = 0;
        while (true) {
            Instant now = clock.instant();
            Optional<MaintenanceStore.Change> change = store.change(id, current -> edge(current, now));
            if (change.isEmpty()) {
                return moved;
            }
            told(change.get());
            moved++;
        }
    }

    private static Optional<MaintenanceStore.Change> edge(MaintenanceWindow current, Instant now) {
        Instant due = current.nextEdge();
        if (due == null || due.isAfter(now)) {
            return Optional.empty();
        }
        if (current.state() == MaintenanceState.SCHEDULED) {
            return Optional.of(move(current, MaintenanceState.IN_PROGRESS, "started",
                    MaintenanceTexts.started(current, now), "sitrep", null, now));
        }
        return Optional.of(move(current, MaintenanceState.COMPLETED, "completed",
                MaintenanceTexts.completed(current, now), "sitrep", null, now));
    }

    private static MaintenanceStore.Change move(MaintenanceWindow current, MaintenanceState next, String kind,
                                                String text, String by, String reason, Instant now) {
        MaintenanceWindow moved = current.moved(next, new MaintenanceWindow.Post(kind, text, now), reason);
        return new MaintenanceStore.Change(moved, List.of(entry(now, kind, by, text)));
    }

    private static MaintenanceEntry entry(Instant at, String kind, String by, String text) {
        return new MaintenanceEntry(at, kind, by, text, Map.of());
    }

    /** The listeners hear of the post the change made, and of any other owed, now rather than at the clock's next look. */
    private MaintenanceWindow told(MaintenanceStore.Change change) {
        changed.run();
        try {
            tellPosts();
        } catch (RuntimeException e) {
            log.warn("Maintenance posts wait for the clock's next look: {}", e.getMessage());
        }
        return change.window();
    }

    /**
     * Tells the listeners every post owed to them that this instance can claim; a post whose
     * listeners all took it is owed no more, one that failed is told again after its lease.
     *
     * @return how many posts were told
     */
    public int tellPosts() {
        int told = 0;
        while (true) {
            List<String> claimed = store.claimPosts(clock.instant(), BATCH, TELLING_LEASE);
            for (String id : claimed) {
                try {
                    Optional<MaintenanceStore.Owed> owed = store.post(id);
                    owed.ifPresent(post -> posts.posted(post.id(), post.window(), post.post()));
                    store.told(id);
                    told += owed.isPresent() ? 1 : 0;
                } catch (RuntimeException e) {
                    // Left claimed: the lease brings it back.
                    log.warn("Maintenance post {} is told again shortly: {}", id, e.getMessage());
                }
            }
            if (claimed.size() < BATCH) {
                return told;
            }
        }
    }
}
