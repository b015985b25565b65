package io.sitrep.bot.oncall;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * Who is on call, for {@code /actuator/prometheus}: {@code sitrep_oncall_person{schedule,person}}
 * is 1 for the person on call now and 0 for everyone else the schedule names (or an override
 * put in), and {@code sitrep_oncall_shift_ends_seconds{schedule}} is when the current shift
 * ends, in seconds since the epoch (no row when nobody is on call or no end is known). Read on
 * a timer of its own, never on the scrape: overrides come from Redis, and a slow Redis must not
 * make the metrics endpoint hang. A schedule left out by a reload loses its rows.
 */
public final class OnCallMetrics implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OnCallMetrics.class);

    private final OnCallDesk desk;
    private final MultiGauge person;
    private final MultiGauge shiftEnds;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "oncall-metrics");
        thread.setDaemon(true);
        return thread;
    });

    private OnCallMetrics(MeterRegistry registry, OnCallDesk desk) {
        this.desk = desk;
        this.person = MultiGauge.builder("sitrep.oncall.person")
                .description("1 for the person on call now on each schedule, 0 for the schedule's others")
                .register(registry);
        this.shiftEnds = MultiGauge.builder("sitrep.oncall.shift.ends").baseUnit("seconds")
                .description("When each schedule's current shift ends, in seconds since the epoch").register(registry);
    }

    /** Registers the series and keeps them current every {@code refresh}, starting now. */
    public static OnCallMetrics start(MeterRegistry registry, OnCallDesk desk, Duration refresh) {
        OnCallMetrics metrics = new OnCallMetrics(registry, desk);
        metrics.refresh();
        metrics.timer.scheduleWithFixedDelay(metrics::refresh, refresh.toMillis(), refresh.toMillis(),
                TimeUnit.MILLISECONDS);
        return metrics;
    }

    /** Asks every schedule who is on call now; keeps the last values when Redis can't answer. */
    void refresh() {
        try {
            Instant now = desk.clock().instant();
            List<MultiGauge.Row<?>> people = new ArrayList<>();
            List<MultiGauge.Row<?>> ends = new ArrayList<>();
            for (Schedule schedule : desk.directory().allSchedules()) {
                OnCallNow onCall = desk.at(schedule, now);
                String current = onCall.current().map(Shift::person).orElse(null);
                Set<String> named = new LinkedHashSet<>(schedule.people());
                onCall.overrides().forEach(o -> named.add(o.person()));
                if (current != null) {
                    named.add(current);
                }
                for (String key : named) {
                    people.add(MultiGauge.Row.of(Tags.of("schedule", schedule.id(), "person", key),
                            key.equals(current) ? 1 : 0));
                }
                onCall.current().map(Shift::until).ifPresent(until -> ends.add(MultiGauge.Row.of(
                        Tags.of("schedule", schedule.id()), until.getEpochSecond())));
            }
            person.register(people, true);
            shiftEnds.register(ends, true);
        } catch (RuntimeException e) {
            log.debug("On-call metrics not refreshed this time: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
