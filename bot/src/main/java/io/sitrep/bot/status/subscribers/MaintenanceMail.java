package io.sitrep.bot.status.subscribers;

import java.util.Map;

import io.sitrep.bot.maintenance.MaintenancePosts;
import io.sitrep.bot.maintenance.MaintenanceTexts;
import io.sitrep.bot.maintenance.MaintenanceWindow;
import io.sitrep.bot.status.StatusComponents;
import io.sitrep.config.StatusSettings;
import io.sitrep.integrations.redis.RedisSubscribers;

/**
 * Each post of a maintenance window — scheduled, started, completed, cancelled — becomes a
 * fan-out to the confirmed mail subscribers of the window's components, made once under the
 * post's id ({@code MNT-3.1}) however often the post is told; the {@link FanoutWorkers} mail it
 * as they mail an incident's posts.
 */
public final class MaintenanceMail implements MaintenancePosts {

    /** What each kind of post is headed with, before the window's title. */
    private static final Map<String, String> LABELS = Map.of("scheduled", "Scheduled maintenance",
            "started", "Maintenance in progress", "completed", "Maintenance completed",
            "cancelled", "Maintenance cancelled");

    private final PostFanouts fanouts;
    private final StatusSettings settings;

    public MaintenanceMail(RedisSubscribers store, StatusSettings settings, Runnable wake) {
        this.fanouts = new PostFanouts(store, wake);
        this.settings = settings;
    }

    @Override
    public void posted(String postId, MaintenanceWindow window, MaintenanceWindow.Post post) {
        fanouts.start(postId, new PublicPost(window.id(), window.title(),
                LABELS.getOrDefault(post.kind(), "Maintenance"), post.text(), post.at(),
                StatusComponents.affected(settings, window.service(), window.region()),
                MaintenanceTexts.window(window.from(), window.to())));
    }
}
