package io.sitrep.bot.wiring;

import java.time.Clock;
import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;
import io.sitrep.bot.insights.FollowUps;
import io.sitrep.bot.insights.Insights;
import io.sitrep.bot.insights.InsightsController;
import io.sitrep.bot.insights.InsightsIndex;
import io.sitrep.bot.insights.InsightsMetrics;
import io.sitrep.bot.insights.Summariser;
import io.sitrep.incident.UpdateSchedule;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.redis.RedisIncidentSummaries;

/** The insights page and its figures: one summary per incident kept as it changes, added up per window. */
@Configuration(proxyBeanMethods = false)
class InsightsConfiguration {

    /** How old the figures may be: a change made on another replica shows within this. */
    static final Duration FRESH_FOR = Duration.ofSeconds(30);

    /**
     * Rebuilt when missing, in the background: the first start after an upgrade summarises every
     * stored incident once (about 10 s per 1,000 incidents on a busy two-core machine) without
     * holding start-up, the figures filling in as it goes. A summary it writes from a read older
     * than a change made meanwhile is written again by the incident's next change.
     */
    @Bean(destroyMethod = "close")
    InsightsIndex insightsIndex(IncidentStore store, RedisRuntime redis, UpdateSchedule schedule) {
        InsightsIndex index = new InsightsIndex(store, new RedisIncidentSummaries(redis.connection()),
                new Summariser(schedule, FollowUps.POSTMORTEM_ACTIONS));
        Thread rebuild = new Thread(() -> {
            try {
                index.rebuildIfMissing();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(InsightsConfiguration.class)
                        .warn("Insights not rebuilt: {}; the next start tries again", e.getMessage());
            }
        }, "insights-rebuild");
        rebuild.setDaemon(true);
        rebuild.start();
        return index;
    }

    @Bean
    Insights insights(InsightsIndex index, Clock clock) {
        return new Insights(index, clock, FRESH_FOR);
    }

    @Bean
    InsightsController insightsController(Insights insights) {
        return new InsightsController(insights);
    }

    @Bean(destroyMethod = "close")
    InsightsMetrics insightsMetrics(MeterRegistry registry, Insights insights) {
        return new InsightsMetrics(registry, insights, FRESH_FOR);
    }
}
