package io.sitrep.bot.insights;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The headline figures of the default window (the last 90 days) as Prometheus series, e.g.
 * {@code sitrep_insights_time_to_resolve_seconds{quantile="0.5"}}. Read on a timer of their
 * own, never on the scrape; NaN where no incident has the figure.
 */
public final class InsightsMetrics implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InsightsMetrics.class);

    private final Insights insights;
    private volatile Figures figures;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "insights-metrics");
        thread.setDaemon(true);
        return thread;
    });

    public InsightsMetrics(MeterRegistry registry, Insights insights, Duration refresh) {
        this.insights = insights;
        spread(registry, "detect", f -> f.timeToDetect());
        spread(registry, "acknowledge", f -> f.timeToAcknowledge());
        spread(registry, "mitigate", f -> f.timeToMitigate());
        spread(registry, "resolve", f -> f.timeToResolve());
        gauge(registry, "sitrep.insights.incidents", "Incidents declared in the last 90 days", f -> f.incidents());
        gauge(registry, "sitrep.insights.update.punctuality.ratio",
                "Share of stakeholder updates posted by their due time, last 90 days",
                f -> f.updatePunctuality().share() == null ? Double.NaN : f.updatePunctuality().share());
        gauge(registry, "sitrep.insights.update.worst.lateness.seconds",
                "How far past its due time the latest stakeholder update came, last 90 days",
                f -> orNaN(f.updatePunctuality().worstLatenessSeconds()));
        gauge(registry, "sitrep.insights.followups.open", "Open follow-ups of the last 90 days' incidents",
                f -> f.followups().open());
        gauge(registry, "sitrep.insights.followups.overdue", "Open follow-ups past their due date",
                f -> f.followups().overdue());
        timer.scheduleWithFixedDelay(this::refresh, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    void refresh() {
        try {
            figures = insights.report(Window.lastDays(insights.clock())).all();
        } catch (RuntimeException e) {
            log.debug("Insights metrics not refreshed this time: {}", e.getMessage());
        }
    }

    private void spread(MeterRegistry registry, String step, java.util.function.Function<Figures, Figures.Spread> of) {
        String name = "sitrep.insights.time.to." + step + ".seconds";
        String description = "Time to " + step + " of the last 90 days' incidents, by quantile";
        gauge(registry, name, description, "0.5", f -> orNaN(of.apply(f).median()));
        gauge(registry, name, description, "0.9", f -> orNaN(of.apply(f).p90()));
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<Figures> value) {
        Gauge.builder(name, this, m -> m.figures == null ? Double.NaN : value.applyAsDouble(m.figures))
                .description(description).strongReference(true).register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String description, String quantile,
                       ToDoubleFunction<Figures> value) {
        Gauge.builder(name, this, m -> m.figures == null ? Double.NaN : value.applyAsDouble(m.figures))
                .description(description).tag("quantile", quantile).strongReference(true).register(registry);
    }

    private static double orNaN(Long value) {
        return value == null ? Double.NaN : value;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
