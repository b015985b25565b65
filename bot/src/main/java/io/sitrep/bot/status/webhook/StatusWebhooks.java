package io.sitrep.bot.status.webhook;

import java.time.Clock;
import java.time.Duration;

import io.sitrep.config.StatusWebhookSettings;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.chat.Outbox;
import io.sitrep.integrations.redis.RedisStatusWebhooks;

/** How the wiring makes the sending side of the status page's webhook subscribers. */
public final class StatusWebhooks {

    private StatusWebhooks() {
    }

    /**
     * A fan-out worker (not yet started), idle while there are no {@code subscribers}, that tells the admins through {@code outbox} and the
     * log when it gives a subscriber up.
     *
     * @param escalationChannel where the admins hear of it; blank for the log alone
     * @param poll              how often it looks for due records made on other replicas
     */
    public static FanOutWorker worker(RedisStatusWebhooks webhooks, Subscribers subscribers,
                                      StatusWebhookSettings settings, Outbox outbox, IncidentStore store,
                                      String escalationChannel, Duration poll, Clock clock) {
        return new FanOutWorker(webhooks, subscribers, settings, new GiveUpNotice(outbox, store, escalationChannel),
                clock, poll);
    }
}
