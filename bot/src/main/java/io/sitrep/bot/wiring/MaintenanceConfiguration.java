package io.sitrep.bot.wiring;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.sitrep.bot.command.CommandSet;
import io.sitrep.bot.health.HealthRecorder;
import io.sitrep.bot.maintenance.MaintenanceClock;
import io.sitrep.bot.maintenance.MaintenanceCommands;
import io.sitrep.bot.maintenance.MaintenanceDesk;
import io.sitrep.bot.maintenance.MaintenanceHold;
import io.sitrep.bot.maintenance.MaintenancePosts;
import io.sitrep.bot.maintenance.MaintenanceStore;
import io.sitrep.bot.maintenance.MaintenanceView;
import io.sitrep.bot.selfcheck.SelfCheck;
import io.sitrep.config.StatusSettings;
import io.sitrep.integrations.redis.RedisMaintenance;

/** Scheduled maintenance: the windows in Redis, the clock that moves them, and what they hold back. */
@Configuration(proxyBeanMethods = false)
class MaintenanceConfiguration {

    /** How often each replica's clock looks for a due edge: one round trip when none is. */
    private static final Duration LOOK_EVERY = Duration.ofSeconds(2);
    /** How old this replica's view of running windows may be: a window another replica scheduled holds alerts within it. */
    private static final Duration READ_EVERY = Duration.ofSeconds(5);

    @Bean
    MaintenanceDesk maintenanceDesk(RedisRuntime redis, Clock clock, ObjectProvider<MaintenancePosts> listeners) {
        MaintenanceDesk desk = new MaintenanceDesk(new MaintenanceStore(new RedisMaintenance(redis.connection())), clock);
        desk.postTo(MaintenancePosts.all(listeners.orderedStream().toList()));
        return desk;
    }

    @Bean
    MaintenanceView maintenanceView(MaintenanceDesk desk, Clock clock) {
        MaintenanceView view = new MaintenanceView(desk.store(), clock, READ_EVERY);
        desk.onChange(view::forget);
        return view;
    }

    /** Holds back health changes here, and alerts where the alert intake is made ({@code HeartbeatConfiguration}). */
    @Bean
    MaintenanceHold maintenanceHold(MaintenanceView view, MaintenanceDesk desk, Clock clock, HealthRecorder health) {
        MaintenanceHold hold = new MaintenanceHold(view, desk.store(), clock);
        health.holdWith(hold);
        return hold;
    }

    @Bean(destroyMethod = "close")
    MaintenanceClock maintenanceClock(MaintenanceDesk desk, SelfCheck selfCheck) {
        MaintenanceClock clock = new MaintenanceClock(desk);
        clock.reportTo(selfCheck.loop("maintenance", LOOK_EVERY));
        clock.start(LOOK_EVERY);
        return clock;
    }

    @Bean
    CommandSet maintenanceCommands(MaintenanceDesk desk, StatusSettings status) {
        return MaintenanceCommands.commands(desk, status);
    }
}
