package io.sitrep.bot.wiring;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;
import io.sitrep.bot.oncall.CalendarKeys;
import io.sitrep.bot.oncall.GroupMembers;
import io.sitrep.bot.oncall.MentionSync;
import io.sitrep.bot.oncall.OnCallDesk;
import io.sitrep.bot.oncall.OnCallFiles;
import io.sitrep.bot.oncall.OnCallMetrics;
import io.sitrep.bot.oncall.OverrideStore;
import io.sitrep.config.OnCallSettings;
import io.sitrep.integrations.chat.discord.DiscordConnector;
import io.sitrep.integrations.chat.slack.SlackConnector;
import io.sitrep.integrations.redis.RedisLeaderLease;
import io.sitrep.integrations.redis.RedisOnCall;

/**
 * Who is on call: the schedules from {@code sitrep.oncall.dir}, their overrides and calendar keys in Redis,
 * its metrics, and the Slack user groups and Discord roles that follow it.
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
     * Schedules' Slack user groups and Discord roles kept in step with who is on call, by one
     * replica at a time; nothing to do without Slack or Discord.
     */
    @Bean(destroyMethod = "close")
    AutoCloseable onCallMentionSync(OnCallSettings settings, OnCallDesk desk, RedisOnCall redis, RedisRuntime runtime,
                                    ObjectProvider<SlackConnector> slack, ObjectProvider<DiscordConnector> discord,
                                    Clock clock) {
        List<GroupMembers> targets = new ArrayList<>();
        slack.ifAvailable(connector -> targets.add(GroupMembers.slack(connector.usergroups())));
        discord.ifAvailable(connector -> targets.add(GroupMembers.discord(connector.roles())));
        if (targets.isEmpty()) {
            return () -> { };
        }
        return new MentionSync(desk, targets, redis, new RedisLeaderLease(runtime.connection()),
                settings.usergroupSyncEvery(), clock).runEvery(settings.usergroupSyncEvery());
    }

    @Bean
    CalendarKeys calendarKeys(RedisOnCall redis) {
        return new CalendarKeys(redis);
    }
}
