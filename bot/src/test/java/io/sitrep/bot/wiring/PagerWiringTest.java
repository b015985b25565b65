package io.sitrep.bot.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.sitrep.config.PagingSettings;
import io.sitrep.config.PublicUrlSettings;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.chat.ChatGateway;
import io.sitrep.integrations.chat.PageReceipts;
import io.sitrep.integrations.paging.PagerDutyPager;
import io.sitrep.integrations.paging.WebhookPager;
import io.sitrep.integrations.redis.RedisIncidentStore;
import io.sitrep.integrations.redis.TestRedis;

/** Which paging lanes exist: PagerDuty with on-call files, webhooks only with a secret as well. */
class PagerWiringTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private ApplicationContextRunner runner(String webhookSecret) {
        PagingSettings paging = new PagingSettings(List.of("SEV1"), null,
                URI.create("https://events.pagerduty.com/v2/enqueue"), Duration.ofMinutes(5), List.of(), webhookSecret);
        return new ApplicationContextRunner()
                .withBean(PagingSettings.class, () -> paging)
                .withBean(PublicUrlSettings.class, () -> new PublicUrlSettings(URI.create("https://sitrep.example")))
                .withBean(IncidentStore.class, () -> new RedisIncidentStore(TestRedis.flushed(), Clock.systemUTC()))
                .withBean(PageReceipts.class, () -> PageReceipts.NONE)
                .withBean(Clock.class, Clock::systemUTC)
                .withUserConfiguration(WebhookAndPagerDutyConfiguration.class);
    }

    @Test
    void withOnCallFilesAndASecretBothLanesExist() {
        runner(SECRET).withPropertyValues("sitrep.oncall.dir=/etc/sitrep/oncall",
                "sitrep.paging.webhook-secret=" + SECRET).run(context -> {
            assertThat(context.getBeansOfType(ChatGateway.class).values()).extracting(ChatGateway::platform)
                    .containsExactlyInAnyOrder("webhook", "pagerduty");
            assertThat(context.getBeansOfType(ChatGateway.class).values()).noneMatch(ChatGateway::chat);
        });
    }

    @Test
    void withoutASecretNoWebhookIsSentAndTheStartSaysSo() {
        // Read from the logger itself: where other tests sent the console's output does not matter.
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger)
                org.slf4j.LoggerFactory.getLogger(WebhookAndPagerDutyConfiguration.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> said =
                new ch.qos.logback.core.read.ListAppender<>();
        said.start();
        logger.addAppender(said);
        ch.qos.logback.classic.Level level = logger.getLevel();
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        try {
            runner(null).withPropertyValues("sitrep.oncall.dir=/etc/sitrep/oncall").run(context -> {
                assertThat(context).hasSingleBean(PagerDutyPager.class).doesNotHaveBean(WebhookPager.class);
            });
        } finally {
            logger.detachAppender(said);
            logger.setLevel(level);
        }
        assertThat(said.list).extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                .filteredOn(line -> line.contains("Paging by webhook is off")).hasSize(1);
    }

    @Test
    void withoutOnCallFilesNeitherLaneExists() {
        runner(SECRET).withPropertyValues("sitrep.paging.webhook-secret=" + SECRET).run(context ->
                assertThat(context).doesNotHaveBean(PagerDutyPager.class).doesNotHaveBean(WebhookPager.class));
    }

    @Test
    void aSecretThatIsNoSecretStopsTheStart() {
        runner("whsec_short").withPropertyValues("sitrep.oncall.dir=/etc/sitrep/oncall",
                "sitrep.paging.webhook-secret=whsec_short").run(context ->
                assertThat(context.getStartupFailure()).hasStackTraceContaining("sitrep.paging.webhook-secret"));
    }
}
