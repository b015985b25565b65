package io.sitrep.bot.wiring;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

import io.sitrep.config.PagingSettings;
import io.sitrep.config.PublicUrlSettings;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.chat.PageReceipts;
import io.sitrep.integrations.paging.PagerDutyPager;
import io.sitrep.integrations.paging.WebhookPager;
import io.sitrep.integrations.paging.WebhookSignature;

/**
 * Paging by webhook and by PagerDuty, when there are on-call files to name people with a
 * {@code webhook:} or {@code pagerduty:}: each is a lane of the delivery queue. Webhooks are
 * only ever sent signed, so without {@code sitrep.paging.webhook-secret} there is no webhook
 * lane (and the start-up says so).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(WebhookAndPagerDutyConfiguration.OnCallFilesConfigured.class)
class WebhookAndPagerDutyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(WebhookAndPagerDutyConfiguration.class);

    WebhookAndPagerDutyConfiguration(PagingSettings settings) {
        if (settings.webhookSecret() == null) {
            log.info("Paging by webhook is off: sitrep.paging.webhook-secret is not set (whsec_ and base64), "
                    + "so people's webhook: addresses are not paged");
        }
    }

    @Bean
    @Conditional(WebhookSecretConfigured.class)
    WebhookPager webhookPager(PagingSettings settings, IncidentStore store, PageReceipts receipts,
                              PublicUrlSettings links, Clock clock) {
        return new WebhookPager(new WebhookSignature(settings.webhookSecret()), store, receipts, links, clock);
    }

    @Bean
    PagerDutyPager pagerDutyPager(PagingSettings settings, IncidentStore store, PageReceipts receipts,
                                  PublicUrlSettings links, Clock clock) {
        return new PagerDutyPager(settings.pagerdutyUrl(), store, receipts, links, clock);
    }

    private static boolean set(ConditionContext context, String property) {
        String value = context.getEnvironment().getProperty(property);
        return value != null && !value.isBlank();
    }

    /** {@code sitrep.oncall.dir} is set: people can be named. */
    static final class OnCallFilesConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return set(context, "sitrep.oncall.dir");
        }
    }

    /** {@code sitrep.paging.webhook-secret} is set. */
    static final class WebhookSecretConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return set(context, "sitrep.paging.webhook-secret");
        }
    }
}
