package io.sitrep.bot.status.subscribers;

import java.time.Duration;
import java.util.UUID;

import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.ChatGateway;
import io.sitrep.integrations.chat.Delivery;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.DeliveryResult;
import io.sitrep.integrations.chat.DeliverySteps;
import io.sitrep.integrations.redis.RedisSubscribers;

/**
 * The {@value SubscriberPosts#LANE} lane: each post queued with its change becomes a fan-out
 * job, {@code <delivery id>.<step>}, listing the confirmed subscribers of its components at that
 * moment; the step is then done. Making the job twice (a crash before the step was marked) makes
 * it once. The mails themselves are the {@link FanoutWorkers}' work, at their own pace.
 */
public final class SubscriberLane implements ChatGateway {

    /** How long a made job is remembered, so a retry of its step never makes it again. */
    static final Duration REMEMBERED = Duration.ofDays(30);

    private final RedisSubscribers store;
    private final Runnable wake;

    public SubscriberLane(RedisSubscribers store, Runnable wake) {
        this.store = store;
        this.wake = wake;
    }

    @Override
    public String platform() {
        return SubscriberPosts.LANE;
    }

    @Override
    public boolean chat() {
        return false;
    }

    @Override
    public DeliveryResult deliver(Delivery delivery, DeliverySteps steps) {
        String deliveryId = steps.deliveryId().orElseGet(() -> UUID.randomUUID().toString());
        boolean made = false;
        for (int step = 0; step < delivery.messages().size(); step++) {
            DeliveryMessage message = delivery.messages().get(step);
            if (steps.done(step) || !(message.audience() instanceof Audience.Pager lane)
                    || !SubscriberPosts.LANE.equals(lane.method())) {
                continue;
            }
            PublicPost post = PublicPost.read(message.text());
            made |= store.startFanout(deliveryId + "." + step, message.text(), post.components(), REMEMBERED) > 0;
            steps.markDone(step);
        }
        if (made) {
            wake.run();
        }
        return new DeliveryResult.Delivered(java.util.List.of());
    }
}
