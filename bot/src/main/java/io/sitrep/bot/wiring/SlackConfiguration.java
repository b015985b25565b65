package io.sitrep.bot.wiring;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.http.HttpServlet;

import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

import io.sitrep.config.ChatSettings;
import io.sitrep.config.SlackSettings;
import io.sitrep.integrations.chat.ChatCommandHandler;
import io.sitrep.integrations.chat.slack.SlackCommandAdapter;

/** Slack in HTTP mode: Bolt's servlet at {@code POST /slack/events}, when a bot token and signing secret are set. */
@Configuration(proxyBeanMethods = false)
class SlackConfiguration {

    /** Commands run here after the ack; bounded so that a flood queues instead of exhausting threads. */
    @Bean(destroyMethod = "shutdown")
    ExecutorService slackCommandExecutor() {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(4, 4, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(10_000),
                runnable -> {
                    Thread thread = new Thread(runnable, "slack-command");
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    @Bean
    @Conditional(HttpModeConfigured.class)
    ServletRegistrationBean<HttpServlet> slackEvents(SlackSettings slack, ChatSettings chat,
                                                         ChatCommandHandler handler, ExecutorService slackCommandExecutor) {
        SlackCommandAdapter adapter = new SlackCommandAdapter(handler, slack, chat.stakeholderChannel(),
                slackCommandExecutor);
        return new ServletRegistrationBean<>(adapter.servlet(), "/slack/events");
    }

    /** Both a bot token and a signing secret are set (blank values count as unset). */
    static final class HttpModeConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return Binder.get(context.getEnvironment()).bind("sitrep.slack", SlackSettings.class)
                    .map(SlackSettings::httpModeEnabled).orElse(false);
        }
    }
}
