package io.sitrep.bot.wiring;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.sitrep.bot.status.webhook.FanOutWorker;
import io.sitrep.bot.status.webhook.MaintenanceWebhooks;
import io.sitrep.bot.status.webhook.PublicPosts;
import io.sitrep.bot.status.webhook.StatusWebhooks;
import io.sitrep.bot.status.webhook.SubscriberFanOut;
import io.sitrep.bot.status.webhook.Subscribers;
import io.sitrep.config.DeliverySettings;
import io.sitrep.config.PublicUrlSettings;
import io.sitrep.config.ReminderSettings;
import io.sitrep.config.StatusSettings;
import io.sitrep.config.StatusWebhookSettings;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.chat.Outbox;
import io.sitrep.integrations.redis.RedisStatusWebhooks;

/**
 * The status page's webhook subscribers: each public post is queued for them with its change
 * (an addendum of the outbox), fanned out per subscriber on a lane of its own, and sent by a
 * worker on every replica.
 */
@Configuration(proxyBeanMethods = false)
class StatusWebhookConfiguration {

    @Bean
    RedisStatusWebhooks redisStatusWebhooks(RedisRuntime redis) {
        return new RedisStatusWebhooks(redis.connection());
    }

    @Bean
    Subscribers statusWebhookSubscribers(RedisStatusWebhooks webhooks) {
        return new Subscribers(webhooks);
    }

    @Bean
    PublicPosts publicPosts(Subscribers subscribers) {
        return new PublicPosts(subscribers);
    }

    @Bean
    SubscriberFanOut subscriberFanOut(RedisStatusWebhooks webhooks, IncidentStore store, StatusSettings status,
                                      PublicUrlSettings links, Clock clock, ObjectProvider<FanOutWorker> worker) {
        return new SubscriberFanOut(webhooks, store, status, links, clock, () -> worker.ifAvailable(FanOutWorker::wake));
    }

    /** Each maintenance window's posts go to the webhook subscribers of its components. */
    @Bean
    MaintenanceWebhooks maintenanceWebhooks(SubscriberFanOut fanOut, Subscribers subscribers, StatusSettings status,
                                            PublicUrlSettings links) {
        return new MaintenanceWebhooks(fanOut, subscribers, status, links);
    }

    @Bean(destroyMethod = "close")
    FanOutWorker statusWebhookWorker(RedisStatusWebhooks webhooks, Subscribers subscribers,
                                     StatusWebhookSettings settings, Outbox outbox,
                                     IncidentStore store, ReminderSettings reminders, DeliverySettings delivery,
                                     Clock clock) {
        FanOutWorker worker = StatusWebhooks.worker(webhooks, subscribers, settings, outbox, store, reminders.escalationChannel(),
                delivery.pollInterval(), clock);
        worker.start();
        return worker;
    }
}
