package io.sitrep.integrations.paging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.sitrep.incident.Incident;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.Delivery;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.DeliveryResult;
import io.sitrep.integrations.chat.DeliverySteps;
import io.sitrep.integrations.chat.PageMark;
import io.sitrep.integrations.chat.PageReceipts;
import io.sitrep.integrations.chat.PostponedDelivery;

/**
 * What a paging method that posts to a server (a webhook, PagerDuty) does with a delivery: it
 * sends the page messages addressed to its method that are still owed, in order, each marked
 * once out. The incident is read once per delivery, so a notification whose page was
 * acknowledged or ended while it waited in the queue is dropped, not sent. Each message carries
 * an id that is the same on every try ({@link #messageId}), for receivers to drop a repeat.
 */
final class PagerLane {

    /** Sends one message of a page. */
    interface Post {
        /**
         * @param messageId the same for every try of this message
         * @return null when it went out; else why the receiver refused it for good
         * @throws PostponedDelivery when it did not get through and may later
         */
        String send(Incident incident, DeliveryMessage message, Audience.Pager to, String messageId);
    }

    private final String method;
    private final IncidentStore store;
    private final PageReceipts receipts;

    PagerLane(String method, IncidentStore store, PageReceipts receipts) {
        this.method = method;
        this.store = store;
        this.receipts = receipts;
    }

    DeliveryResult deliver(Delivery delivery, DeliverySteps steps, Post post) {
        List<DeliveryMessage> messages = delivery.messages();
        List<String> failures = new ArrayList<>();
        Incident incident = null;
        for (int step = 0; step < messages.size(); step++) {
            DeliveryMessage message = messages.get(step);
            if (!(message.audience() instanceof Audience.Pager to) || !to.method().equals(method)
                    || steps.done(step)) {
                continue;
            }
            if (incident == null || message.notifies()) {
                // An acknowledgement written while earlier calls went out must wake nobody.
                incident = store.find(delivery.incident()).orElse(null);
            }
            if (incident == null || message.page() == null || !message.page().stillWanted(incident)) {
                steps.markDone(step); // acknowledged, ended or resolved meanwhile: nobody is woken for it
                continue;
            }
            steps.sending();
            String refused;
            try {
                refused = post.send(incident, message, to, messageId(steps, delivery, step, message.page()));
            } catch (PostponedDelivery passing) {
                return passing.asResult();
            }
            steps.markDone(step);
            if (refused != null) {
                failures.add(method + " for " + message.page().person() + ": " + refused);
            }
            record(delivery, message, to, refused);
        }
        return new DeliveryResult.Delivered(failures);
    }

    private void record(Delivery delivery, DeliveryMessage message, Audience.Pager to, String refused) {
        if (!message.notifies()) {
            return;
        }
        if (refused == null) {
            receipts.sent(delivery.incident(), message.page(), to);
        } else {
            receipts.failed(delivery.incident(), message.page(), to, refused);
        }
    }

    /**
     * {@code msg_} and the stored delivery's id with the step: every try of one message, on any
     * replica, carries the same; where nothing is stored, one made from what the message is.
     */
    static String messageId(DeliverySteps steps, Delivery delivery, int step, PageMark page) {
        return steps.deliveryId().map(id -> "msg_" + id + "_" + step).orElseGet(() -> "msg_" + UUID.nameUUIDFromBytes(
                (delivery.incident() + " " + page + " " + step).getBytes(StandardCharsets.UTF_8)));
    }
}
