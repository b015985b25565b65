package io.sitrep.bot.wiring;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

import io.sitrep.config.MailSettings;
import io.sitrep.config.PublicUrlSettings;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.chat.PageReceipts;
import io.sitrep.integrations.mail.AcknowledgeLinks;
import io.sitrep.integrations.mail.MailPager;
import io.sitrep.integrations.redis.RedisPagingSecret;

/**
 * Paging by email: the pager's lane when an SMTP server is set ({@code spring.mail.host}, the
 * rest of {@code spring.mail.*} as Spring Boot reads it), and the acknowledge links its mails
 * carry — checked whether or not mail is set now, so a link sent before still opens.
 */
@Configuration(proxyBeanMethods = false)
class MailConfiguration {

    @Bean
    AcknowledgeLinks acknowledgeLinks(RedisRuntime redis, PublicUrlSettings url) {
        return new AcknowledgeLinks(new RedisPagingSecret(redis.connection())::ackSecret, url::link);
    }

    @Bean
    @ConditionalOnProperty(prefix = "spring.mail", name = "host")
    MailPager mailPager(JavaMailSender sender, IncidentStore store, PageReceipts pageReceipts, AcknowledgeLinks links,
                        MailSettings settings) {
        return new MailPager(sender, store, pageReceipts, links, settings.from());
    }
}
