package io.sitrep.bot.maintenance;

import java.util.List;

/**
 * Told of each public post of a maintenance window — where the post goes beyond the status page
 * (the stakeholder channel, subscribers). The post was owed to the listeners in the same write
 * that made it, and is told until every listener took it: a listener may hear of one post more
 * than once (a crash after it acted, a failure of another listener), so it acts once per
 * {@code postId} — an id every replica gives the post alike — and throws when it could not act,
 * so the post is told again after a lease.
 */
@FunctionalInterface
public interface MaintenancePosts {

    MaintenancePosts NONE = (postId, window, post) -> { };

    /**
     * @param postId {@code MNT-3.1}: the window's id and the post's place among its posts
     * @param window the window as it is now (it may have moved on since the post)
     * @param post   {@code scheduled}, {@code started}, {@code completed} or {@code cancelled}, its text and time
     */
    void posted(String postId, MaintenanceWindow window, MaintenanceWindow.Post post);

    /**
     * Every listener of {@code all}, in order; one that fails does not keep the post from the rest,
     * and the first failure is thrown once all were told, so the post is told again.
     */
    static MaintenancePosts all(List<MaintenancePosts> all) {
        List<MaintenancePosts> listeners = List.copyOf(all);
        return (postId, window, post) -> {
            RuntimeException failed = null;
            for (MaintenancePosts listener : listeners) {
                try {
                    listener.posted(postId, window, post);
                } catch (RuntimeException e) {
                    if (failed == null) {
                        failed = e;
                    } else {
                        failed.addSuppressed(e);
                    }
                }
            }
            if (failed != null) {
                throw failed;
            }
        };
    }
}
