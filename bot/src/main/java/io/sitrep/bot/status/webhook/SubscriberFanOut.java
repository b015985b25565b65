package io.sitrep.bot.status.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.sitrep.bot.status.StatusComponents;
import io.sitrep.config.PublicUrlSettings;
import io.sitrep.config.StatusSettings;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.ChatGateway;
import io.sitrep.integrations.chat.Delivery;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.DeliveryResult;
import io.sitrep.integrations.chat.DeliverySteps;
import io.sitrep.integrations.redis.RedisStatusWebhooks;
import io.sitrep.integrations.redis.RedisStatusWebhooks.Owed;

/**
 * The lane of the status page's webhook subscribers in the delivery queue. It sends nothing
 * itself: for each public post it makes one fan-out record per enabled subscriber of the post's
 * components (each once, whoever runs it again) and marks the post done, so the lane moves on at
 * once; the {@link FanOutWorker}s send the records, each subscriber retried on its own, so one
 * that fails holds back neither the others nor the incident's later posts.
 */
public final class SubscriberFanOut implements ChatGateway {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RedisStatusWebhooks webhooks;
    private final IncidentStore store;
    private final StatusSettings status;
    private final PublicUrlSettings links;
    private final Clock clock;
    private final Runnable made;

    /** @param made told when records were made, to wake this replica's fan-out worker */
    public SubscriberFanOut(RedisStatusWebhooks webhooks, IncidentStore store, StatusSettings status,
                            PublicUrlSettings links, Clock clock, Runnable made) {
        this.webhooks = webhooks;
        this.store = store;
        this.status = status;
        this.links = links;
        this.clock = clock;
        this.made = made;
    }

    @Override
    public DeliveryResult deliver(Delivery delivery, DeliverySteps steps) {
        List<DeliveryMessage> messages = delivery.messages();
        Incident incident = null;
        List<RedisStatusWebhooks.Listed> subscribers = null;
        for (int step = 0; step < messages.size(); step++) {
            DeliveryMessage message = messages.get(step);
            if (!(message.audience() instanceof Audience.StatusSubscribers post) || steps.done(step)) {
                continue;
            }
            if (subscribers == null) {
                subscribers = webhooks.all().stream().filter(RedisStatusWebhooks.Listed::enabled).toList();
                incident = subscribers.isEmpty() ? null : store.find(delivery.incident()).orElse(null);
            }
            if (incident != null) {
                fanOut(subscribers, postId(steps, delivery, step, post), incident.id().toString(),
                        body(incident, post, message.text()), StatusComponents.affected(status, incident));
            }
            steps.markDone(step);
        }
        return new DeliveryResult.Delivered(List.of());
    }

    /**
     * Makes the records of one post for the enabled subscribers of {@code components}, each once
     * however often this runs ({@code postId} names the post alike on every replica).
     *
     * @param about the incident or maintenance window the post is of
     */
    void fanOut(String postId, String about, String body, List<String> components) {
        List<RedisStatusWebhooks.Listed> subscribers = webhooks.all().stream()
                .filter(RedisStatusWebhooks.Listed::enabled).toList();
        fanOut(subscribers, postId, about, body, components);
    }

    private void fanOut(List<RedisStatusWebhooks.Listed> subscribers, String postId, String about, String body,
                        List<String> components) {
        List<Owed> owed = new ArrayList<>();
        for (RedisStatusWebhooks.Listed subscriber : subscribers) {
            if (hears(subscriber.webhook(), components)) {
                String hook = subscriber.webhook().id();
                owed.add(new Owed(hook, postId + "_" + hook, about, body));
            }
        }
        if (webhooks.fanOut(postId, owed, clock.instant()) > 0) {
            made.run();
        }
    }

    /** A subscriber of no component in particular hears of every post. */
    private static boolean hears(RedisStatusWebhooks.Webhook webhook, List<String> components) {
        return webhook.components().isEmpty() || webhook.components().stream().anyMatch(components::contains);
    }

    /**
     * {@code msg_}, the stored delivery's id and the step: every run of the fan-out, on any
     * replica, names the post alike; where nothing is stored, one made from what the post is.
     */
    static String postId(DeliverySteps steps, Delivery delivery, int step, Audience.StatusSubscribers post) {
        return steps.deliveryId().map(id -> "msg_" + id + "_" + step).orElseGet(() -> "msg_" + UUID.nameUUIDFromBytes(
                (delivery.incident() + " " + post + " " + step).getBytes(StandardCharsets.UTF_8)));
    }

    /** The documented payload: which incident, what it affects, where its page is, and the post. */
    String body(Incident incident, Audience.StatusSubscribers post, String text) {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", type(post));
        ObjectNode about = body.putObject("incident");
        about.put("id", incident.id().toString());
        about.put("title", incident.title());
        about.put("status", incident.state().label());
        com.fasterxml.jackson.databind.node.ArrayNode components = about.putArray("components");
        StatusComponents.affected(status, incident).forEach(components::add);
        about.put("url", links.link("/status/incidents/" + incident.id()));
        ObjectNode told = body.putObject("post");
        told.put("status", post.status());
        told.put("text", text);
        told.put("posted_at", post.postedAt().toString());
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always writes", e);
        }
    }

    private static String type(Audience.StatusSubscribers post) {
        if (post.status().equals("Postmortem")) { // what publishing the postmortem posts
            return "postmortem.published";
        }
        return post.status().equals(IncidentState.RESOLVED.label()) ? "incident.resolved" : "incident.updated";
    }

    @Override
    public String platform() {
        return Audience.StatusSubscribers.LANE;
    }

    @Override
    public boolean chat() {
        return false;
    }
}
