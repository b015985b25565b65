package io.sitrep.bot.wiring;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.sitrep.bot.delivery.DurableOutbox;
import io.sitrep.bot.followup.FollowUpTracking;
import io.sitrep.bot.followup.JiraPoll;
import io.sitrep.bot.followup.TrackerBackfill;
import io.sitrep.bot.followup.TrackerLane;
import io.sitrep.config.FollowUpSettings;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.store.IncidentStore;

/**
 * Follow-ups as GitHub issues, when {@code sitrep.followups.github.repo} is set (else Jira
 * issues, when {@code sitrep.followups.jira.url} is): a lane of the
 * delivery queue that makes each issue once, and the addendum that queues each new follow-up
 * for it with the change that adds it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${sitrep.followups.github.repo:}' != '' or '${sitrep.followups.jira.url:}' != ''")
class FollowUpConfiguration {

    private static final Logger log = LoggerFactory.getLogger(FollowUpConfiguration.class);

    @Bean
    TrackerLane trackerLane(FollowUpSettings settings, IncidentStore store, IncidentWriter writer, Clock clock) {
        // One tracker at a time: a follow-up links to one issue.
        return settings.github().configured() ? TrackerLane.github(settings, store, writer, clock)
                : TrackerLane.jira(settings, store, writer, clock);
    }

    @Bean
    FollowUpTracking followUpTracking(TrackerLane lane) {
        return new FollowUpTracking(lane.platform());
    }

    /** Jira's resolutions read every few minutes, for a Jira whose webhook cannot reach Sitrep. */
    @Bean(destroyMethod = "close")
    @org.springframework.boot.autoconfigure.condition.ConditionalOnExpression(
            "'${sitrep.followups.github.repo:}' == '' and '${sitrep.followups.jira.url:}' != ''")
    JiraPoll jiraPoll(FollowUpSettings settings, IncidentStore store, IncidentWriter writer, RedisRuntime redis,
                      Clock clock) {
        JiraPoll poll = new JiraPoll(settings, store, writer,
                new io.sitrep.integrations.redis.RedisLeaderLease(redis.connection()),
                java.util.UUID.randomUUID().toString(), clock);
        poll.start();
        return poll;
    }

    /** The follow-ups made before the tracker was set up, queued once at start-up. */
    @Bean
    TrackerBackfill trackerBackfill(IncidentStore store, DurableOutbox outbox, RedisRuntime redis, TrackerLane lane) {
        TrackerBackfill backfill = new TrackerBackfill(store, outbox, redis.connection().jedis(), lane.platform());
        try {
            backfill.runOnce();
        } catch (RuntimeException e) {
            log.warn("Follow-ups made before {} was set up are not queued yet ({}); the next start tries again",
                    lane.platform(), e.toString());
        }
        return backfill;
    }
}
