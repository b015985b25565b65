package io.sitrep.bot.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.sitrep.bot.command.CommandDispatcher;
import io.sitrep.bot.delivery.DeliveryWorkers;
import io.sitrep.bot.health.HealthView;
import io.sitrep.bot.reminder.ReminderScheduler;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.Severity;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.chat.DeliveryQueue;
import io.sitrep.integrations.health.HealthState;
import io.sitrep.integrations.health.TargetStatus;

/**
 * Sitrep's own series for {@code /actuator/prometheus}: commands by name and outcome, open
 * incidents by state and severity, how overdue each incident's stakeholder update is,
 * reminders sent and how late, incidents with posts owed per platform, how long posts took,
 * and each health target's state.
 * The store-derived gauges are read on a timer of their own (every {@code refresh}), never on
 * the scrape, so a slow Redis can't make the metrics endpoint hang.
 */
public final class SitrepMetrics implements CommandDispatcher.CommandObserver, ReminderScheduler.ReminderObserver,
        DeliveryWorkers.Listener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SitrepMetrics.class);

    private final MeterRegistry registry;
    private final IncidentStore store;
    private final HealthView health;
    private final Clock clock;
    private final MultiGauge open;
    private final MultiGauge overdue;
    private final MultiGauge targets;
    private final MultiGauge owed;
    private final DeliveryQueue deliveries;
    /** Held here: a function counter keeps its source only weakly, and a lambda nobody else holds is collected. */
    private final LongSupplier redisRoundTrips;
    private final List<String> platforms;
    private final DistributionSummary lateness;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "metrics-refresh");
        thread.setDaemon(true);
        return thread;
    });

    public SitrepMetrics(MeterRegistry registry, IncidentStore store, HealthView health, Clock clock,
                         DeliveryQueue deliveries, List<String> platforms, LongSupplier redisRoundTrips,
                         Duration refresh) {
        this.registry = registry;
        this.redisRoundTrips = redisRoundTrips;
        FunctionCounter.builder("sitrep.redis.round.trips", redisRoundTrips, LongSupplier::getAsLong)
                .description("Redis round trips this replica has made (a pipeline or script counts once)").register(registry);
        this.store = store;
        this.health = health;
        this.clock = clock;
        this.open = MultiGauge.builder("sitrep.incidents.open").description("Open incidents by state and severity")
                .register(registry);
        this.overdue = MultiGauge.builder("sitrep.stakeholder.update.overdue")
                .description("Seconds an open incident's stakeholder update is overdue (0 when not)").register(registry);
        this.targets = MultiGauge.builder("sitrep.health.target.state")
                .description("Each health target's state: 0 HEALTHY, 1 DEGRADED, 2 DOWN, 3 UNKNOWN").register(registry);
        this.lateness = DistributionSummary.builder("sitrep.reminder.lateness.seconds")
                .description("How long after its due time each reminder or escalation went out").register(registry);
        registry.counter("sitrep.reminders.sent");
        this.deliveries = deliveries;
        this.platforms = List.copyOf(platforms);
        this.owed = MultiGauge.builder("sitrep.deliveries.pending")
                .description("Incidents with posts still owed, by platform").register(registry);
        for (String platform : platforms) {
            Timer.builder("sitrep.delivery.latency").description("From a change taken to its posts out, by platform")
                    .tags("platform", platform).publishPercentileHistogram().register(registry);
        }
        refresh();
        timer.scheduleWithFixedDelay(this::refresh, refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void ran(String command, String outcome) {
        registry.counter("sitrep.commands", "command", command, "outcome", outcome).increment();
    }

    @Override
    public void sent(Duration late) {
        registry.counter("sitrep.reminders.sent").increment();
        lateness.record(Math.max(0, late.toMillis()) / 1000.0);
    }

    @Override
    public void delivered(String platform, Duration sinceTaken, int failures) {
        registry.timer("sitrep.delivery.latency", "platform", platform).record(sinceTaken);
        registry.counter("sitrep.deliveries", "platform", platform, "outcome", failures == 0 ? "delivered" : "failed")
                .increment();
    }

    @Override
    public void postponed(String platform) {
        registry.counter("sitrep.deliveries", "platform", platform, "outcome", "postponed").increment();
    }

    /** Re-reads the open incidents and the health board; keeps the last values when Redis can't answer. */
    void refresh() {
        try {
            List<Incident> incidents = store.findOpen();
            Instant now = clock.instant();
            Map<IncidentState, Map<Severity, Integer>> counts = new EnumMap<>(IncidentState.class);
            for (IncidentState state : IncidentState.values()) {
                if (state.isOpen()) {
                    Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
                    for (Severity severity : Severity.values()) {
                        bySeverity.put(severity, 0);
                    }
                    counts.put(state, bySeverity);
                }
            }
            List<MultiGauge.Row<?>> overdueRows = new ArrayList<>();
            for (Incident incident : incidents) {
                counts.get(incident.state()).merge(incident.severity(), 1, Integer::sum);
                long seconds = incident.nextUpdateDueAt() == null ? 0
                        : Math.max(0, Duration.between(incident.nextUpdateDueAt(), now).toSeconds());
                overdueRows.add(MultiGauge.Row.of(Tags.of("incident", incident.id().toString()), seconds));
            }
            List<MultiGauge.Row<?>> openRows = new ArrayList<>();
            counts.forEach((state, bySeverity) -> bySeverity.forEach((severity, n) -> openRows.add(
                    MultiGauge.Row.of(Tags.of("state", state.name(), "severity", severity.name()), n))));
            open.register(openRows, true);
            overdue.register(overdueRows, true);
            List<MultiGauge.Row<?>> targetRows = new ArrayList<>();
            for (TargetStatus status : health.statuses()) {
                targetRows.add(MultiGauge.Row.of(Tags.of("target", status.target().name()), level(status.state())));
            }
            targets.register(targetRows, true);
            Map<String, Long> lanes = deliveries.lanesOwed();
            List<MultiGauge.Row<?>> owedRows = new ArrayList<>();
            for (String platform : platforms) {
                owedRows.add(MultiGauge.Row.of(Tags.of("platform", platform), lanes.getOrDefault(platform, 0L)));
            }
            owed.register(owedRows, true);
        } catch (RuntimeException e) {
            log.debug("Metrics not refreshed this time: {}", e.getMessage());
        }
    }

    private static int level(HealthState state) {
        return switch (state) {
            case HEALTHY -> 0;
            case DEGRADED -> 1;
            case DOWN -> 2;
            case UNKNOWN -> 3;
        };
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
