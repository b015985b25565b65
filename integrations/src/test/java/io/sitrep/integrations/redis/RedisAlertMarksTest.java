package io.sitrep.integrations.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sitrep.integrations.alerts.AlertMarks.Attempt;
import io.sitrep.integrations.alerts.AlertMarks.Found;

/** Alert marks on a real Redis: pending while recorded, recorded after, and a dead attempt's marks taken over once. */
class RedisAlertMarksTest {

    private static final Instant T0 = Instant.parse("2026-02-26T09:00:00Z");
    private static final Duration IN_FLIGHT_FOR = Duration.ofSeconds(30);
    private static final String DISK = "alert:fp-1:firing:2026-02-26T08:19:00Z";
    private static final String LAG = "alert:fp-2:firing:2026-02-26T08:19:00Z";

    private final RedisConnection redis = TestRedis.flushed();
    private final RedisAlertMarks marks = new RedisAlertMarks(redis, IN_FLIGHT_FOR, Duration.ofHours(1));

    @Test
    void anAlertTakenByOneAttemptIsInFlightForAnotherUntilRecordedThenARepeat() {
        Attempt first = marks.take(List.of(DISK, LAG), T0);
        assertThat(first.found()).isEqualTo(Map.of(DISK, Found.NEW, LAG, Found.NEW));

        assertThat(marks.take(List.of(DISK), T0.plusSeconds(29)).found(DISK)).isEqualTo(Found.IN_FLIGHT);

        marks.recorded(first);
        assertThat(marks.take(List.of(DISK, LAG), T0.plusSeconds(29)).found())
                .isEqualTo(Map.of(DISK, Found.RECORDED, LAG, Found.RECORDED));
    }

    @Test
    void theMarkEarlierVersionsWroteIsARepeat() {
        redis.jedis().set(RedisKeys.SEEN_PREFIX + DISK, "1");

        assertThat(marks.take(List.of(DISK), T0).found(DISK)).isEqualTo(Found.RECORDED);
    }

    @Test
    void aPendingMarkOlderThanAnAttemptTakesIsTakenOverOnceAsUnfinished() {
        marks.take(List.of(DISK), T0);

        Attempt retry = marks.take(List.of(DISK), T0.plus(IN_FLIGHT_FOR));
        assertThat(retry.found(DISK)).isEqualTo(Found.UNFINISHED);
        assertThat(retry.taken()).containsExactly(DISK);
        assertThat(marks.take(List.of(DISK), T0.plus(IN_FLIGHT_FOR)).found(DISK)).as("the retry's mark is young")
                .isEqualTo(Found.IN_FLIGHT);
    }

    @Test
    void aReleasedMarkIsUnfinishedAtOnceUnlessAnotherAttemptHasTakenItOver() {
        Attempt failed = marks.take(List.of(DISK, LAG), T0);
        marks.release(failed);
        assertThat(marks.take(List.of(DISK), T0).found(DISK)).isEqualTo(Found.UNFINISHED);

        marks.take(List.of(LAG), T0.plus(IN_FLIGHT_FOR));
        marks.release(failed);
        assertThat(marks.take(List.of(LAG), T0.plus(IN_FLIGHT_FOR)).found(LAG)).isEqualTo(Found.IN_FLIGHT);
    }

    @Test
    void aNotificationsMarksAreTakenInOneRoundTripAndMarkedRecordedInAnother() {
        RoundTripCounter counter = redis.counter();
        long before = counter.roundTrips();
        Attempt attempt = marks.take(List.of(DISK, LAG, "alert:fp-3:resolved:null"), T0);
        assertThat(counter.roundTrips() - before).isOne();

        before = counter.roundTrips();
        marks.recorded(attempt);
        assertThat(counter.roundTrips() - before).isOne();
        assertThat(redis.jedis().get(RedisKeys.SEEN_PREFIX + LAG)).isEqualTo("1");
        assertThat(redis.jedis().pttl(RedisKeys.SEEN_PREFIX + LAG)).isPositive();
    }
}
