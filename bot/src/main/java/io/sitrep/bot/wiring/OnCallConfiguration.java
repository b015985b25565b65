package io.sitrep.bot.wiring;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;
import io.sitrep.bot.oncall.CalendarKeys;
import io.sitrep.bot.oncall.OnCallDesk;
import io.sitrep.bot.oncall.OnCallFiles;
import io.sitrep.bot.oncall.OnCallMetrics;
import io.sitrep.bot.oncall.OverrideStore;
import io.sitrep.bot.oncall.UsergroupSync;
import io.sitrep.config.OnCallSettings;
import io.sitrep.integrations.chat.slack.SlackConnector;
import io.sitrep.integrations.redis.RedisLeaderLease;
import io.sitrep.integrations.redis.RedisOnCall;

/**
 * Who is on call: the schedules from {@code sitrep.oncall.dir}, their overrides and calendar keys in Redis,
 * its metrics, and the Slack user groups that follow it.
 */
@Configuration(proxyBeanMethods = false)
class OnCallConfiguration {

    /** Loaded and checked at start-up: each problem is logged with file, line and reason; the rest load. */
    @Bean
    OnCallFiles onCallFiles(OnCallSettings settings, Clock clock) {
        return OnCallFiles.load(settings.dir(), settings.checkEvery(), clock);
    }

    @Bean
    RedisOnCall redisOnCall(RedisRuntime redis) {
        return new RedisOnCall(redis.connection());
    }

    @Bean
    OnCallDesk onCallDesk(OnCallFiles files, RedisOnCall redis, Clock clock) {
        return new OnCallDesk(files, new OverrideStore(redis), clock);
    }

    /** Who is on call per schedule in {@code /actuator/prometheus}, read every ten seconds as Sitrep's other series. */
    @Bean(destroyMethod = "close")
    OnCallMetrics onCallMetrics(MeterRegistry registry, OnCallDesk desk) {
        return OnCallMetrics.start(registry, desk, Duration.ofSeconds(10));
    }

    /**
     * Schedules' Slack user groups kept in step with who is on call, by one replica at a time;
     * nothing to do without Slack.
     */
    @Bean(destroyMethod = "close")
    AutoCloseable onCallUsergroupSync(OnCallSettings settings, OnCallDesk desk, RedisOnCall redis, RedisRuntime runtime,
                                      ObjectProvider<SlackConnector> slack, Clock clock) {
        SlackConnector connector = slack.getIfAvailable();
        if (connector == null) {
            return () -> { };
        }
        return new UsergroupSync(desk, connector.usergroups(), redis, new RedisLeaderLease(runtime.connection()),
                settings.usergroupSyncEvery(), clock).runEvery(settings.usergroupSyncEvery());
    }

    @Bean
    CalendarKeys calendarKeys(RedisOnCall redis) {
        return new CalendarKeys(redis);
    }
}
