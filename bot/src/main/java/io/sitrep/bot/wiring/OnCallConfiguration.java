package io.sitrep.bot.wiring;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.sitrep.bot.oncall.CalendarKeys;
import io.sitrep.bot.oncall.OnCallDesk;
import io.sitrep.bot.oncall.OnCallFiles;
import io.sitrep.bot.oncall.OverrideStore;
import io.sitrep.config.OnCallSettings;
import io.sitrep.integrations.redis.RedisOnCall;

/** Who is on call: the schedules from {@code sitrep.oncall.dir}, their overrides and calendar keys in Redis. */
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

    @Bean
    CalendarKeys calendarKeys(RedisOnCall redis) {
        return new CalendarKeys(redis);
    }
}
