package io.sitrep.bot.status;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.sitrep.bot.maintenance.MaintenanceTexts;
import io.sitrep.bot.maintenance.MaintenanceView;
import io.sitrep.bot.maintenance.MaintenanceWindow;
import io.sitrep.bot.status.PublicStatus.Post;
import io.sitrep.bot.status.PublicStatus.PublicMaintenance;
import io.sitrep.config.StatusSettings;

/**
 * The maintenance windows as the status page shows them, from this replica's view of them (read
 * again every few seconds, at once after a change made here): nothing but their title, window,
 * components and posts.
 */
final class MaintenanceOnStatus {

    private static final Map<String, String> LABELS = Map.of("scheduled", "Scheduled", "started", "In progress",
            "completed", "Completed", "cancelled", "Cancelled");

    private final MaintenanceView view;
    private final StatusSettings settings;

    /** @param view null where there is no maintenance: the page then shows none */
    MaintenanceOnStatus(MaintenanceView view, StatusSettings settings) {
        this.view = view;
        this.settings = settings;
    }

    /** {@code status} with the windows scheduled or in progress, and those over in the last 90 days. */
    PublicStatus addedTo(PublicStatus status) {
        if (view == null) {
            return status;
        }
        return status.withMaintenance(view.active().stream().map(this::shown).toList(),
                view.ended().stream().map(this::shown).toList());
    }

    private PublicMaintenance shown(MaintenanceWindow window) {
        List<Post> posts = window.posts().stream()
                .map(p -> new Post(LABELS.getOrDefault(p.kind(), "Update"), p.text(), p.at()))
                .sorted(Comparator.comparing(Post::at).reversed())
                .toList();
        return new PublicMaintenance(window.id(), window.title(), window.state().label(),
                MaintenanceTexts.window(window.from(), window.to()), window.from(), window.to(),
                StatusComponents.affected(settings, window.service(), window.region()), posts);
    }
}
