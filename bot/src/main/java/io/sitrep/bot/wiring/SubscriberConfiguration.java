package io.sitrep.bot.wiring;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

import io.sitrep.bot.status.subscribers.FanoutWorkers;
import io.sitrep.bot.status.subscribers.MaintenanceMail;
import io.sitrep.bot.status.subscribers.SubscriberLane;
import io.sitrep.bot.status.subscribers.SubscriberLinks;
import io.sitrep.bot.status.subscribers.SubscriberMail;
import io.sitrep.bot.status.subscribers.SubscriberPosts;
import io.sitrep.config.MailSettings;
import io.sitrep.config.PublicUrlSettings;
import io.sitrep.config.StatusSettings;
import io.sitrep.config.SubscriberSettings;
import io.sitrep.integrations.redis.RedisSubscribers;

/**
 * Mail subscribers of the status page: their store always (the admin API lists and removes
 * them), the rest — the form, the posts' lane and the fan-out workers — when an SMTP server is
 * set ({@code spring.mail.host}).
 */
@Configuration(proxyBeanMethods = false)
class SubscriberConfiguration {

    @Bean
    RedisSubscribers redisSubscribers(RedisRuntime redis) {
        return new RedisSubscribers(redis.connection());
    }

    @Bean
    @ConditionalOnProperty(prefix = "spring.mail", name = "host")
    SubscriberLinks subscriberLinks(RedisSubscribers store, PublicUrlSettings url) {
        return new SubscriberLinks(store::secret, url::link);
    }

    @Bean
    @ConditionalOnProperty(prefix = "spring.mail", name = "host")
    SubscriberMail subscriberMail(JavaMailSender sender, SubscriberLinks links, MailSettings mail, StatusSettings status) {
        return new SubscriberMail(sender, links, mail.from(), status.title());
    }

    /** Posts are queued for subscribers with the change that makes them. */
    @Bean
    @ConditionalOnProperty(prefix = "spring.mail", name = "host")
    SubscriberPosts subscriberPosts(StatusSettings status) {
        return new SubscriberPosts(status);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(prefix = "spring.mail", name = "host")
    FanoutWorkers fanoutWorkers(RedisSubscribers store, JavaMailSender sender, SubscriberMail mail,
                                SubscriberSettings settings, Clock clock) {
        FanoutWorkers workers = new FanoutWorkers(store, sender, mail, settings, clock);
        workers.start();
        return workers;
    }

    /** Each maintenance window's posts are mailed to the subscribers of its components. */
    @Bean
    @ConditionalOnProperty(prefix = "spring.mail", name = "host")
    MaintenanceMail maintenanceMail(RedisSubscribers store, StatusSettings status, FanoutWorkers workers) {
        return new MaintenanceMail(store, status, workers::wake);
    }

    @Bean
    @ConditionalOnProperty(prefix = "spring.mail", name = "host")
    SubscriberLane subscriberLane(RedisSubscribers store, FanoutWorkers workers) {
        return new SubscriberLane(store, workers::wake);
    }
}
