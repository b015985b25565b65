package io.sitrep.bot.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sitrep.bot.command.MutableClock;
import io.sitrep.integrations.redis.RedisOnCall;
import io.sitrep.integrations.redis.TestRedis;

/** Who is on call per schedule as Prometheus reads it, across a handoff and an override. */
class OnCallMetricsTest {

    // Monday 29 March 2027, 12:00 UTC: carol's week, until Monday 5 April 09:00 Berlin (07:00Z).
    private final MutableClock clock = MutableClock.at(Instant.parse("2027-03-29T12:00:00Z"));
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private OnCallDesk desk;
    private OnCallMetrics metrics;

    @BeforeEach
    void metrics() {
        OnCallDirectory directory = OnCallLoader.load(List.of(
                new OnCallLoader.SourceFile("people.yml", OnCallLoaderTest.PEOPLE),
                new OnCallLoader.SourceFile("schedules/platform.yml", OnCallLoaderTest.WEEKLY_PLATFORM)));
        desk = new OnCallDesk(OnCallFiles.of(directory), new OverrideStore(new RedisOnCall(TestRedis.flushed())), clock);
        metrics = OnCallMetrics.start(registry, desk, Duration.ofHours(1));
    }

    @AfterEach
    void stop() {
        metrics.close();
    }

    @Test
    void exportsWhoIsOnCallAndWhenTheShiftEnds() {
        assertThat(registry.scrape())
                .contains("sitrep_oncall_person{person=\"carol\",schedule=\"platform\"} 1.0")
                .contains("sitrep_oncall_person{person=\"ant\",schedule=\"platform\"} 0.0")
                .contains("sitrep_oncall_person{person=\"bea\",schedule=\"platform\"} 0.0");
        assertThat(shiftEnds()).isEqualTo(Instant.parse("2027-04-05T07:00:00Z"));
    }

    @Test
    void followsAHandoffAndAnOverride() {
        clock.set(Instant.parse("2027-04-05T07:00:00Z"));
        metrics.refresh();
        assertThat(registry.scrape()).contains("sitrep_oncall_person{person=\"ant\",schedule=\"platform\"} 1.0")
                .contains("sitrep_oncall_person{person=\"carol\",schedule=\"platform\"} 0.0");

        desk.overrides().add(new OnCallOverride("o1", "platform", "lead", clock.instant(),
                clock.instant().plus(Duration.ofHours(2)), "U0ANT", clock.instant()));
        metrics.refresh();
        assertThat(registry.scrape()).contains("sitrep_oncall_person{person=\"lead\",schedule=\"platform\"} 1.0")
                .contains("sitrep_oncall_person{person=\"ant\",schedule=\"platform\"} 0.0");
        assertThat(shiftEnds()).isEqualTo(Instant.parse("2027-04-05T09:00:00Z"));
    }

    private Instant shiftEnds() {
        assertThat(registry.scrape()).contains("sitrep_oncall_shift_ends_seconds{schedule=\"platform\"}");
        return Instant.ofEpochSecond((long) registry.get("sitrep.oncall.shift.ends").tag("schedule", "platform")
                .gauge().value());
    }
}
