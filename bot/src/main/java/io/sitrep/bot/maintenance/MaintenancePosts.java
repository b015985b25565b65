package io.sitrep.bot.maintenance;

import java.time.Instant;
import java.util.List;

/**
 * Told of each public post of a maintenance window once it is written, on the instance that
 * wrote it: where the post goes beyond the status page (the stakeholder channel, subscribers).
 * A listener must not throw for long: the transition is written already.
 */
@FunctionalInterface
public interface MaintenancePosts {

    MaintenancePosts NONE = (window, kind, text, at) -> { };

    /**
     * @param window the window as written with this post
     * @param kind   {@code scheduled}, {@code started}, {@code completed} or {@code cancelled}
     */
    void posted(MaintenanceWindow window, String kind, String text, Instant at);

    /** Every listener of {@code all}, in order; one that fails does not keep the post from the rest. */
    static MaintenancePosts all(List<MaintenancePosts> all) {
        List<MaintenancePosts> listeners = List.copyOf(all);
        return (window, kind, text, at) -> {
            for (MaintenancePosts listener : listeners) {
                try {
                    listener.posted(window, kind, text, at);
                } catch (RuntimeException e) {
                    org.slf4j.LoggerFactory.getLogger(MaintenancePosts.class)
                            .warn("A listener missed the {} post of {}: {}", kind, window.id(), e.getMessage());
                }
            }
        };
    }
}
