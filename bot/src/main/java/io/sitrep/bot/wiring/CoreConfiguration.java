package io.sitrep.bot.wiring;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

import io.sitrep.bot.health.HealthView;
import io.sitrep.bot.metrics.SitrepMetrics;
import io.sitrep.bot.alerts.AlertDesk;
import io.sitrep.bot.alerts.AlertStorm;
import io.sitrep.bot.command.CommandContext;
import io.sitrep.bot.command.CommandDispatcher;
import io.sitrep.bot.command.CommandSet;
import io.sitrep.bot.paging.PagingRule;
import io.sitrep.bot.health.HealthCommand;
import io.sitrep.bot.insights.InsightsIndex;
import io.sitrep.bot.lifecycle.LifecycleCommands;
import io.sitrep.bot.oncall.OnCallCommands;
import io.sitrep.bot.postmortem.PostmortemCommands;
import io.sitrep.bot.reminder.RemindSnoozeCommand;
import io.sitrep.bot.runbook.RunbookCommand;
import io.sitrep.bot.delivery.DeliveryBacklog;
import io.sitrep.bot.delivery.DeliveryWorkers;
import io.sitrep.bot.delivery.DurableOutbox;
import io.sitrep.bot.notice.Notices;
import io.sitrep.bot.oncall.OnCallDesk;
import io.sitrep.bot.selfcheck.SelfCheck;
import io.sitrep.bot.store.StoreHealth;
import io.sitrep.bot.store.StoreWatch;
import io.sitrep.bot.store.WatchedDeduplicator;
import io.sitrep.bot.notice.TriageDeclarer;
import io.sitrep.bot.postmortem.PostmortemExporter;
import io.sitrep.bot.runbook.RunbookCatalog;
import io.sitrep.config.AlertSettings;
import io.sitrep.config.ChatSettings;
import io.sitrep.config.DeliverySettings;
import io.sitrep.config.PermissionSettings;
import io.sitrep.config.ReminderSettings;
import io.sitrep.config.RunbookSettings;
import io.sitrep.config.StoreCheckSettings;
import io.sitrep.config.StorageSettings;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.People;
import io.sitrep.incident.ReminderIndexer;
import io.sitrep.incident.UpdateSchedule;
import io.sitrep.incident.lifecycle.IncidentLifecycle;
import io.sitrep.incident.lifecycle.ResolutionHealth;
import io.sitrep.incident.lifecycle.SpringStatemachineLifecycle;
import io.sitrep.incident.store.IncidentLinks;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.alerts.AlertMarks;
import io.sitrep.integrations.chat.ChatGateway;
import io.sitrep.integrations.chat.DeliveryQueue;
import io.sitrep.integrations.chat.Outbox;
import io.sitrep.integrations.chat.PageReceipts;
import io.sitrep.integrations.chat.RequestDeduplicator;
import io.sitrep.integrations.redis.RedisAlertMarks;
import io.sitrep.integrations.redis.RedisDeliveryQueue;
import io.sitrep.integrations.redis.RedisIncidentLinks;
import io.sitrep.integrations.redis.RedisPeople;
import io.sitrep.integrations.redis.RedisIncidentRooms;
import io.sitrep.integrations.redis.RedisIncidentStore;
import io.sitrep.integrations.redis.RedisNewIncidentBudget;
import io.sitrep.integrations.redis.RedisRequestDeduplicator;
import io.sitrep.integrations.redis.RedisStormLink;

/** The incident core and its store, and the command dispatcher every chat adapter talks to. */
@Configuration(proxyBeanMethods = false)
class CoreConfiguration {

    /** The demo's story clock replaces it (see {@code DemoConfiguration}). */
    @Bean
    @Profile("!" + DemoMode.PROFILE)
    Clock clock() {
        // Millisecond instants: precise enough for a timeline, and readable in JSON.
        return Clock.tickMillis(ZoneOffset.UTC);
    }

    @Bean(destroyMethod = "close")
    RedisRuntime redisRuntime(StorageSettings settings) {
        return RedisRuntime.start(settings);
    }

    /** What the replica knows of its store, told by a PING in the background and by every call. */
    @Bean(destroyMethod = "close")
    StoreWatch storeWatch(RedisRuntime redis, StoreCheckSettings settings, Clock clock, SelfCheck selfCheck) {
        StoreWatch watch = new StoreWatch(redis.connection()::answers, settings, clock);
        redis.connection().reportCallsTo(watch);
        watch.start(selfCheck.loop("store-watch", settings.every()));
        return watch;
    }

    /** {@code store} in {@code /actuator/health} and the readiness group: is the store known to answer. */
    @Bean
    HealthIndicator storeHealthIndicator(StoreWatch watch, RedisRuntime redis) {
        return new StoreHealth(watch, redis.connection().toString());
    }

    @Bean
    RedisIncidentStore incidentStore(RedisRuntime redis, Clock clock) {
        RedisIncidentStore store = new RedisIncidentStore(redis.connection(), clock);
        // Heals indexes a crash may have left behind; cheap next to start-up itself.
        store.rebuildIndexes();
        return store;
    }

    /** The health view is the resolve guard's: every replica judges from the same shared target states. */
    @Bean
    IncidentLifecycle incidentLifecycle(ResolutionHealth health) {
        return new SpringStatemachineLifecycle(health);
    }

    @Bean
    IncidentWriter incidentWriter(IncidentStore store, IncidentLifecycle lifecycle, ReminderIndexer reminders,
                                  PagingRule paging, InsightsIndex insights) {
        // The reminder queue first; the insights index catches its own failures, and is told after.
        return new IncidentWriter(store, lifecycle, (before, after) -> {
            reminders.written(before, after);
            insights.written(before, after);
        }, paging);
    }

    @Bean
    UpdateSchedule updateSchedule(ReminderSettings settings) {
        return new UpdateSchedule(settings);
    }

    /** What Sitrep's own watchers say, through the same outbox as commands. */
    @Bean
    Notices notices(Outbox outbox) {
        return new Notices(outbox);
    }

    @Bean
    RedisDeliveryQueue deliveryQueue(RedisRuntime redis) {
        return new RedisDeliveryQueue(redis.connection());
    }

    /** Every delivery is queued in Redis for each platform before the command is answered. */
    @Bean
    DurableOutbox outbox(DeliveryQueue queue, ObjectProvider<ChatGateway> gateways, Clock clock,
                         DeliverySettings settings, SitrepMetrics metrics, ObjectProvider<Outbox.Addendum> addenda) {
        return new DurableOutbox(queue, gateways.orderedStream().toList(), clock, settings, metrics,
                Outbox.Addendum.all(addenda.orderedStream().toList()));
    }

    /** The workers sending what the queue owes; on every replica, each lane held by one at a time. */
    @Bean(destroyMethod = "close")
    DeliveryWorkers deliveryWorkers(DurableOutbox outbox, DeliverySettings settings, SelfCheck selfCheck,
                                    PageReceipts pageReceipts) {
        DeliveryWorkers workers = outbox.workers();
        workers.reportTo(selfCheck.loop("delivery", settings.pollInterval()));
        workers.receiptsTo(pageReceipts);
        workers.start();
        return workers;
    }

    @Bean
    TriageDeclarer triageDeclarer(IncidentWriter writer, IncidentLifecycle lifecycle, UpdateSchedule schedule,
                                  Notices notices) {
        return new TriageDeclarer(writer, lifecycle, schedule, notices);
    }

    @Bean
    AlertDesk alertDesk(IncidentStore store, IncidentWriter writer, IncidentLinks links, TriageDeclarer triage,
                        Notices notices, Clock clock, RunbookCatalog runbooks, RedisRuntime redis,
                        AlertSettings alerts, UpdateSchedule schedule) {
        AlertStorm storm = new AlertStorm(new RedisStormLink(redis.connection(), AlertStorm.CLAIM_FOR), store, triage,
                schedule, alerts.maxNewIncidents());
        // A day, as for chat requests: far past Alertmanager's retries of one notification.
        AlertMarks marks = new RedisAlertMarks(redis.connection(), AlertDesk.IN_FLIGHT_FOR, Duration.ofDays(1));
        return new AlertDesk(store, writer, marks, links, triage, notices, clock, runbooks,
                new RedisNewIncidentBudget(redis.connection(), alerts.maxNewIncidents()), alerts, storm);
    }

    @Bean
    RedisIncidentLinks incidentLinks(RedisRuntime redis) {
        return new RedisIncidentLinks(redis.connection());
    }

    /** Loaded and checked at start-up: a broken file is logged with file, line and reason; the rest load. */
    @Bean
    RunbookCatalog runbookCatalog(RunbookSettings settings) {
        return RunbookCatalog.load(settings.dir());
    }

    @Bean
    PostmortemExporter postmortemExporter(IncidentStore store, People people) {
        return new PostmortemExporter(store, people);
    }

    @Bean
    RedisIncidentRooms incidentRooms(RedisRuntime redis) {
        RedisIncidentRooms rooms = new RedisIncidentRooms(redis.connection());
        rooms.rebuildChannelIndex();
        return rooms;
    }

    @Bean
    RequestDeduplicator requestDeduplicator(RedisRuntime redis, StoreWatch storeWatch) {
        // A day: far past Slack's and Discord's retries, and small (one short key per request).
        return new WatchedDeduplicator(new RedisRequestDeduplicator(redis.connection(), Duration.ofDays(1)), storeWatch);
    }

    /** What every adapter calls; what the commands' changes tell others is queued with them, through the outbox. */
    @Bean
    People people(RedisRuntime redis) {
        return new RedisPeople(redis.connection());
    }

    /** Every feature's commands; the dispatcher checks at start-up that each spec has exactly one. */
    @Bean
    CommandDispatcher commandDispatcher(IncidentStore store, IncidentWriter writer, IncidentLifecycle lifecycle,
                                        UpdateSchedule schedule, Clock clock, ChatSettings chat,
                                        List<CommandSet> features, SitrepMetrics metrics, DurableOutbox outbox,
                                        PermissionSettings permissions, People people, StoreWatch storeWatch) {
        return new CommandDispatcher(new CommandContext(store, writer, lifecycle, schedule, clock,
                chat.stakeholderChannel(), people), features, metrics, outbox, permissions, storeWatch);
    }

    @Bean
    CommandSet lifecycleCommands(RunbookCatalog runbooks, DeliveryQueue deliveries, DurableOutbox outbox) {
        return LifecycleCommands.commands(runbooks, new DeliveryBacklog(deliveries, outbox.durablePlatforms()));
    }

    @Bean
    CommandSet postmortemCommands(StorageSettings storage) {
        return PostmortemCommands.commands(storage.dataDir().resolve("exports"));
    }

    @Bean
    CommandSet reminderCommands() {
        return RemindSnoozeCommand.commands();
    }

    @Bean
    CommandSet runbookCommands(RunbookCatalog runbooks, HealthView health) {
        return RunbookCommand.commands(runbooks, health);
    }

    @Bean
    CommandSet healthCommands(HealthView health) {
        return HealthCommand.commands(health);
    }

    @Bean
    CommandSet onCallCommands(OnCallDesk oncall) {
        return OnCallCommands.commands(oncall);
    }

    /** Overdue follow-ups, listed to each owner once a week by direct message. */
    @Bean(destroyMethod = "close")
    io.sitrep.bot.followup.OverdueDigest overdueDigest(IncidentStore store, DurableOutbox outbox, RedisRuntime redis,
                                                      Clock clock) {
        io.sitrep.bot.followup.OverdueDigest digest = new io.sitrep.bot.followup.OverdueDigest(store, outbox,
                new io.sitrep.integrations.redis.RedisLeaderLease(redis.connection()), redis.connection().jedis(),
                java.util.UUID.randomUUID().toString(), clock);
        digest.start();
        return digest;
    }

    @Bean
    CommandSet followUpCommands() {
        return io.sitrep.bot.followup.FollowUpCommands.commands();
    }
}
