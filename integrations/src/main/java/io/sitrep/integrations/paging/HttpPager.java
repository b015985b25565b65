package io.sitrep.integrations.paging;

import java.time.Clock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.sitrep.config.PublicUrlSettings;
import io.sitrep.incident.Incident;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.ChatGateway;
import io.sitrep.integrations.chat.Delivery;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.DeliveryResult;
import io.sitrep.integrations.chat.DeliverySteps;
import io.sitrep.integrations.chat.PageReceipts;

/**
 * A paging method that posts JSON to a server: a lane of the delivery queue of its own, but no
 * chat platform (no rooms, no commands). What differs between methods is one message's post.
 */
abstract class HttpPager implements ChatGateway {

    static final ObjectMapper JSON = new ObjectMapper();

    private final String method;
    private final PagerLane lane;
    private final PublicUrlSettings links;
    final PagerHttp http;

    /** @param receiver what the receiver is called in the reasons given for a failure */
    HttpPager(String method, String receiver, IncidentStore store, PageReceipts receipts, PublicUrlSettings links,
              Clock clock) {
        this.method = method;
        this.lane = new PagerLane(method, store, receipts);
        this.links = links;
        this.http = new PagerHttp(receiver, clock);
    }

    /** See {@link PagerLane.Post#send}. */
    abstract String post(Incident incident, DeliveryMessage message, Audience.Pager to, String messageId);

    @Override
    public final DeliveryResult deliver(Delivery delivery, DeliverySteps steps) {
        return lane.deliver(delivery, steps, this::post);
    }

    /** Where the incident is, under {@code sitrep.public-url}. */
    final String link(Incident incident) {
        return links.link("/api/incidents/" + incident.id());
    }

    static String write(ObjectNode json) {
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always writes", e);
        }
    }

    @Override
    public final String platform() {
        return method;
    }

    @Override
    public final boolean chat() {
        return false;
    }
}
