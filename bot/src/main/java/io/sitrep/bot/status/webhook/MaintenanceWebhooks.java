package io.sitrep.bot.status.webhook;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.sitrep.bot.maintenance.MaintenancePosts;
import io.sitrep.bot.maintenance.MaintenanceState;
import io.sitrep.bot.maintenance.MaintenanceWindow;
import io.sitrep.bot.status.StatusComponents;
import io.sitrep.config.PublicUrlSettings;
import io.sitrep.config.StatusSettings;

/**
 * Each post of a maintenance window goes to the enabled webhook subscribers of the window's
 * components as {@code maintenance.scheduled}, {@code .started}, {@code .completed} or
 * {@code .cancelled}: one record per subscriber, made once under the post's id however often the
 * post is told, sent by the {@link FanOutWorker}s as an incident's posts are. Without
 * subscribers it costs one cached check.
 */
public final class MaintenanceWebhooks implements MaintenancePosts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SubscriberFanOut fanOut;
    private final Subscribers subscribers;
    private final StatusSettings status;
    private final PublicUrlSettings links;

    public MaintenanceWebhooks(SubscriberFanOut fanOut, Subscribers subscribers, StatusSettings status,
                               PublicUrlSettings links) {
        this.fanOut = fanOut;
        this.subscribers = subscribers;
        this.status = status;
        this.links = links;
    }

    @Override
    public void posted(String postId, MaintenanceWindow window, MaintenanceWindow.Post post) {
        if (!subscribers.any()) {
            return;
        }
        List<String> components = StatusComponents.affected(status, window.service(), window.region());
        fanOut.fanOut("msg_" + postId.replace('.', '_'), window.id(), body(window, post, components), components);
    }

    /** The documented payload: which window, what it affects, when, where it is shown, and the post. */
    String body(MaintenanceWindow window, MaintenanceWindow.Post post, List<String> components) {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", "maintenance." + post.kind());
        ObjectNode about = body.putObject("maintenance");
        about.put("id", window.id());
        about.put("title", window.title());
        components.forEach(about.putArray("components")::add);
        about.put("from", window.from().toString());
        about.put("to", window.to().toString());
        about.put("status", stateAfter(post).label());
        about.put("url", links.link("/status#" + window.id()));
        ObjectNode told = body.putObject("post");
        told.put("text", post.text());
        told.put("posted_at", post.at().toString());
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always writes", e);
        }
    }

    /** Where the post left the window, whatever it has become since: a late telling says what was. */
    private static MaintenanceState stateAfter(MaintenanceWindow.Post post) {
        return switch (post.kind()) {
            case "started" -> MaintenanceState.IN_PROGRESS;
            case "completed" -> MaintenanceState.COMPLETED;
            case "cancelled" -> MaintenanceState.CANCELLED;
            default -> MaintenanceState.SCHEDULED;
        };
    }
}
