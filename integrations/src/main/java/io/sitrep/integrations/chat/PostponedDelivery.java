package io.sitrep.integrations.chat;

import java.time.Duration;

/**
 * Thrown inside a gateway when its platform failed in a way that passes (an outage, a rate
 * limit, a call that ran out of tries): the delivery stops where it is and is handed back as
 * {@link DeliveryResult.Postponed}, to be taken up again from the first message not yet out.
 */
public final class PostponedDelivery extends RuntimeException {

    private final transient Duration after;

    /** @param after how long to wait before trying again; null: the queue's own backoff */
    public PostponedDelivery(String reason, Duration after) {
        super(reason);
        this.after = after;
    }

    public Duration after() {
        return after;
    }

    public DeliveryResult.Postponed asResult() {
        return new DeliveryResult.Postponed(after, getMessage());
    }
}
