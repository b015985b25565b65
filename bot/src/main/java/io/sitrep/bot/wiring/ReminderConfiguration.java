package io.sitrep.bot.wiring;

import java.time.Clock;
import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.sitrep.bot.metrics.SitrepMetrics;
import io.sitrep.bot.notice.Notices;
import io.sitrep.bot.selfcheck.SelfCheck;
import io.sitrep.bot.paging.PageStep;
import io.sitrep.bot.reminder.ReminderAlarm;
import io.sitrep.bot.reminder.ReminderScheduler;
import io.sitrep.bot.reminder.WakingReminderQueue;
import io.sitrep.config.ReminderSettings;
import io.sitrep.config.RunbookSettings;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.ReminderIndexer;
import io.sitrep.incident.ReminderPlan;
import io.sitrep.incident.UpdateSchedule;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.redis.RedisReminderQueue;

/** Stakeholder-update reminders: the queue in Redis, kept by every write, and the scheduler that sends them. */
@Configuration(proxyBeanMethods = false)
class ReminderConfiguration {

    /**
     * How often the clock looks at the queue with nothing due sooner: it wakes at each due time
     * it knows of, so this only bounds how late it learns of an earlier time another replica
     * wrote (and then died before sending); each look is one round trip.
     */
    private static final Duration LOOK_EVERY = Duration.ofSeconds(2);

    @Bean
    ReminderPlan reminderPlan(UpdateSchedule schedule, ReminderSettings settings, RunbookSettings runbooks) {
        return new ReminderPlan(schedule, settings.escalateAfter(), runbooks.idleReminder());
    }

    @Bean
    RedisReminderQueue reminderQueue(RedisRuntime redis) {
        return new RedisReminderQueue(redis.connection());
    }

    /** What the clock sleeps on; the due times this replica writes wake it early. */
    @Bean
    ReminderAlarm reminderAlarm(Clock clock) {
        return new ReminderAlarm(clock);
    }

    @Bean
    ReminderIndexer reminderIndexer(ReminderPlan plan, RedisReminderQueue queue, ReminderAlarm alarm,
                                    IncidentStore store) {
        return new ReminderIndexer(plan, new WakingReminderQueue(queue, alarm), store);
    }

    @Bean(destroyMethod = "close")
    ReminderScheduler reminderScheduler(IncidentStore store, IncidentWriter writer, ReminderPlan plan,
                                        RedisReminderQueue queue, ReminderIndexer indexer, Clock clock,
                                        Notices notices, ReminderSettings settings, SitrepMetrics metrics,
                                        SelfCheck selfCheck, ReminderAlarm alarm, PageStep pages) {
        // Heals the queue from the incidents: a crash between a write and its queue update loses nothing.
        indexer.reindex(store.findOpen());
        ReminderScheduler scheduler = new ReminderScheduler(store, writer, plan, queue, clock, notices,
                settings.escalationChannel(), metrics);
        scheduler.reportTo(selfCheck.loop("reminders", LOOK_EVERY));
        scheduler.pageWith(pages);
        scheduler.start(LOOK_EVERY, alarm);
        return scheduler;
    }
}
