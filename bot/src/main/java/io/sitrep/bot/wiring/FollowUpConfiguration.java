package io.sitrep.bot.wiring;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.sitrep.bot.followup.FollowUpTracking;
import io.sitrep.bot.followup.TrackerLane;
import io.sitrep.config.FollowUpSettings;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.store.IncidentStore;

/**
 * Follow-ups as GitHub issues, when {@code sitrep.followups.github.repo} is set: a lane of the
 * delivery queue that makes each issue once, and the addendum that queues each new follow-up
 * for it with the change that adds it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${sitrep.followups.github.repo:}' != ''")
class FollowUpConfiguration {

    @Bean
    TrackerLane gitHubTrackerLane(FollowUpSettings settings, IncidentStore store, IncidentWriter writer, Clock clock) {
        return TrackerLane.github(settings, store, writer, clock);
    }

    @Bean
    FollowUpTracking followUpTracking() {
        return new FollowUpTracking(TrackerLane.GITHUB);
    }
}
