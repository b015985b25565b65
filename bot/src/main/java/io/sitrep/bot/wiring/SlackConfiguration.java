package io.sitrep.bot.wiring;

import java.time.Duration;
import java.util.concurrent.ExecutorService;

import jakarta.servlet.http.HttpServlet;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.type.AnnotatedTypeMetadata;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationPredicate;

import io.sitrep.bot.metrics.SlackAckTimer;
import io.sitrep.bot.selfcheck.SelfCheck;
import io.sitrep.config.ChatSettings;
import io.sitrep.config.ReminderSettings;
import io.sitrep.config.SlackSettings;
import io.sitrep.incident.lifecycle.IncidentLifecycle;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.chat.ChatCommandHandler;
import io.sitrep.integrations.chat.IncidentRooms;
import io.sitrep.integrations.chat.PageReceipts;
import io.sitrep.integrations.chat.RequestDeduplicator;
import io.sitrep.integrations.chat.slack.SlackConnector;
import io.sitrep.integrations.chat.slack.SlackGateway;

/**
 * Slack, when a bot token is set: the gateway that posts to Slack; in HTTP mode (with a
 * signing secret) Bolt's servlet at {@code POST /slack/events}; in Socket Mode (with an
 * app-level token) a WebSocket Sitrep opens to Slack.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(SlackConfiguration.BotTokenConfigured.class)
class SlackConfiguration {

    @Bean(destroyMethod = "close")
    SlackConnector slackConnector(SlackSettings slack, java.time.Clock clock, ChatSettings chat,
                                  ReminderSettings reminders) {
        return new SlackConnector(slack, clock, chat.stakeholderChannel(), reminders.escalationChannel());
    }

    @Bean
    SlackGateway slackGateway(SlackConnector connector, IncidentStore store, IncidentLifecycle lifecycle,
                              IncidentRooms rooms, ChatSettings chat, PageReceipts pageReceipts) {
        return connector.gateway(store, lifecycle, rooms, chat.archiveRooms(), pageReceipts);
    }

    /**
     * Commands run here after the ack; bounded so that a flood queues instead of exhausting
     * threads. At shutdown, acknowledged commands still queued get a few seconds to finish.
     */
    @Bean(destroyMethod = "close")
    ExecutorService slackCommandExecutor(SelfCheck selfCheck) {
        return new DrainingExecutor("slack-command", 4, 10_000, Duration.ofSeconds(10),
                selfCheck.loop("slack-commands"));
    }

    @Bean
    @Conditional(HttpModeConfigured.class)
    ServletRegistrationBean<HttpServlet> slackEvents(SlackConnector connector, ChatCommandHandler handler,
                                                     RequestDeduplicator deduplicator,
                                                     ExecutorService slackCommandExecutor) {
        return new ServletRegistrationBean<>(connector.servlet(handler, deduplicator, slackCommandExecutor),
                "/slack/events");
    }

    /** Times Slack's requests until acknowledged, with timers registered once (see {@link SlackAckTimer}). */
    @Bean
    @Conditional(HttpModeConfigured.class)
    FilterRegistrationBean<SlackAckTimer> slackAckTimer(MeterRegistry registry) {
        FilterRegistrationBean<SlackAckTimer> filter = new FilterRegistrationBean<>(new SlackAckTimer(registry));
        filter.addUrlPatterns(SlackAckTimer.PATH);
        filter.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return filter;
    }

    @Bean
    @Conditional(HttpModeConfigured.class)
    ObservationPredicate slackEventsLeftToTheAckTimer() {
        return SlackAckTimer.skipSpringObservation();
    }

    /** Socket Mode, when an app-level token is set; may run alongside HTTP mode. */
    @Bean(destroyMethod = "close")
    @Conditional(SocketModeConfigured.class)
    AutoCloseable slackSocketMode(SlackConnector connector, ChatCommandHandler handler,
                                  RequestDeduplicator deduplicator, ExecutorService slackCommandExecutor)
            throws Exception {
        return connector.startSocketMode(handler, deduplicator, slackCommandExecutor);
    }

    private static SlackSettings bind(ConditionContext context) {
        return Binder.get(context.getEnvironment()).bind("sitrep.slack", SlackSettings.class)
                .orElse(new SlackSettings("", "", "", "", "https://slack.com/api/"));
    }

    /** A bot token is set (blank counts as unset). */
    static final class BotTokenConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !bind(context).botToken().isBlank();
        }
    }

    /** Both a bot token and an app-level token are set. */
    static final class SocketModeConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return bind(context).socketModeEnabled();
        }
    }

    /** Both a bot token and a signing secret are set. */
    static final class HttpModeConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return bind(context).httpModeEnabled();
        }
    }
}
