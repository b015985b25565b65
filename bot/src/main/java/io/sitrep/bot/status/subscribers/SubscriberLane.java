package io.sitrep.bot.status.subscribers;

import java.util.List;
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

    private final PostFanouts fanouts;

    public SubscriberLane(RedisSubscribers store, Runnable wake) {
        this.fanouts = new PostFanouts(store, wake);
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
        for (int step = 0; step < delivery.messages().size(); step++) {
            DeliveryMessage message = delivery.messages().get(step);
            if (steps.done(step) || !(message.audience() instanceof Audience.Pager lane)
                    || !SubscriberPosts.LANE.equals(lane.method())) {
                continue;
            }
            fanouts.start(deliveryId + "." + step, PublicPost.read(message.text()));
            steps.markDone(step);
        }
        return new DeliveryResult.Delivered(List.of());
    }
}
