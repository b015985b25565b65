package io.sitrep.bot.wiring;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import io.micrometer.core.instrument.MeterRegistry;
import io.sitrep.bot.alerts.AlertDesk;
import io.sitrep.bot.maintenance.MaintenanceHold;
import io.sitrep.bot.heartbeat.ExpectedHeartbeats;
import io.sitrep.bot.heartbeat.HeartbeatDesk;
import io.sitrep.bot.heartbeat.HeartbeatIncidents;
import io.sitrep.bot.heartbeat.HeartbeatMetrics;
import io.sitrep.bot.heartbeat.HeartbeatWatch;
import io.sitrep.bot.heartbeat.WatchdogBeats;
import io.sitrep.bot.notice.Notices;
import io.sitrep.bot.notice.TriageDeclarer;
import io.sitrep.bot.oncall.OnCallDesk;
import io.sitrep.bot.selfcheck.SelfCheck;
import io.sitrep.config.PagingSettings;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.alerts.AlertIntake;
import io.sitrep.integrations.redis.RedisHeartbeats;
import io.sitrep.integrations.redis.RedisLeaderLease;

/**
 * Heartbeats: the ones expected (checked against the on-call files' policies at start-up),
 * where beats are taken (the webhook, Alertmanager's Watchdog), and the watch that pages when
 * one goes quiet.
 */
@Configuration(proxyBeanMethods = false)
class HeartbeatConfiguration {

    /** A heartbeat that could page nobody stops the start, naming its setting. */
    @Bean
    ExpectedHeartbeats expectedHeartbeats(PagingSettings settings, OnCallDesk oncall) {
        return ExpectedHeartbeats.checked(settings.heartbeats(), oncall.directory().policies().keySet(),
                settings.defaultPolicy());
    }

    @Bean
    RedisHeartbeats redisHeartbeats(RedisRuntime redis) {
        return new RedisHeartbeats(redis.connection());
    }

    @Bean
    HeartbeatMetrics heartbeatMetrics(MeterRegistry registry, ExpectedHeartbeats expected, Clock clock) {
        return HeartbeatMetrics.register(registry, expected, clock);
    }

    @Bean
    HeartbeatIncidents heartbeatIncidents(TriageDeclarer triage, IncidentWriter writer, IncidentStore store,
                                          Notices notices) {
        return new HeartbeatIncidents(triage, writer, store, notices);
    }

    @Bean
    HeartbeatDesk heartbeatDesk(ExpectedHeartbeats expected, RedisHeartbeats store, HeartbeatIncidents incidents,
                                HeartbeatMetrics metrics, Clock clock) {
        return new HeartbeatDesk(expected, store, incidents, metrics, clock);
    }

    /** On every replica: each reads once a round; the lease holder opens the incidents. */
    @Bean(destroyMethod = "close")
    HeartbeatWatch heartbeatWatch(ExpectedHeartbeats expected, RedisHeartbeats store, HeartbeatIncidents incidents,
                                  HeartbeatMetrics metrics, Clock clock, RedisRuntime redis, SelfCheck selfCheck) {
        HeartbeatWatch watch = new HeartbeatWatch(expected, store, incidents, new RedisLeaderLease(redis.connection()),
                metrics, clock);
        if (!expected.isEmpty()) {
            watch.reportTo(selfCheck.loop("heartbeat-watch", expected.lookEvery()));
        }
        watch.start();
        return watch;
    }

    /**
     * What Alertmanager's webhook hands its alerts to: the Watchdog beats, those of a service in
     * maintenance go on its timeline, the rest go to the alert desk.
     */
    @Bean
    @Primary
    AlertIntake alertIntake(AlertDesk desk, HeartbeatDesk heartbeats, MaintenanceHold maintenance) {
        return new WatchdogBeats(maintenance.alerts(desk), heartbeats);
    }
}
