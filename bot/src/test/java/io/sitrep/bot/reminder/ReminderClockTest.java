package io.sitrep.bot.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.sitrep.bot.command.MutableClock;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.TimelineKind;
import io.sitrep.integrations.redis.RedisConnection;
import io.sitrep.integrations.redis.RedisReminderQueue;
import io.sitrep.integrations.redis.TestRedis;

/**
 * The reminder clock sleeps instead of polling: until the next due time, woken when this
 * replica writes an earlier one, and looking at the queue again only every look interval.
 */
@Timeout(60)
class ReminderClockTest {

    private final ReminderFixture sitrep = new ReminderFixture();

    @Test
    void aDueTimeWrittenHereWakesTheSleepingClockWhichSendsTheReminderOnTime() {
        try (ReminderScheduler scheduler = sitrep.runningScheduler(sitrep.queue)) {
            // Nothing queued: it would sleep a minute, so only the write below can wake it in time.
            scheduler.start(Duration.ofMinutes(1), sitrep.alarm);
            sitrep.run("declare \"ConnectMe login failures\" --sev 2"); // at 09:00 on the test clock: due 09:15

            await().atMost(Duration.ofSeconds(10)).until(() -> !sitrep.posted.isEmpty());
            assertThat(sitrep.entries(new IncidentId(1), TimelineKind.REMINDER)).singleElement()
                    .satisfies(reminder -> assertThat(((Number) reminder.data().get("lateMillis")).longValue())
                            .as("sent when due, not at a poll").isBetween(0L, 500L));
        }
    }

    @Test
    void anIdleClockCostsOneRoundTripPerLook() throws Exception {
        sitrep.clock.advance(Duration.ofMinutes(30));
        sitrep.run("declare \"ConnectMe login failures\" --sev 2"); // due at 09:45, half an hour from the running time
        try (RedisConnection own = RedisConnection.open(TestRedis.server().url() + "/1");
             ReminderScheduler scheduler = sitrep.runningScheduler(new RedisReminderQueue(own))) {
            scheduler.start(Duration.ofMillis(500), new ReminderAlarm(sitrep.running));
            Thread.sleep(500);
            long before = own.counter().roundTrips();
            Thread.sleep(3_000);
            assertThat(own.counter().roundTrips() - before).as("one read of the earliest time per look").isBetween(4L, 8L);
        }
        assertThat(sitrep.posted).isEmpty();
    }

    @Test
    void theAlarmWakesAtTheDueTimeOrAtAnEarlierOneWrittenMeanwhile() throws Exception {
        ReminderAlarm alarm = new ReminderAlarm(java.time.Clock.systemUTC());
        assertThat(sleeping(alarm, Instant.now().plusMillis(300), null)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(2));

        Thread writer = new Thread(() -> {
            sleepQuietly(200);
            alarm.written(Instant.now().plusMillis(100));
        });
        writer.start();
        assertThat(sleeping(alarm, Instant.now().plusSeconds(30), null)).as("woken for the earlier time")
                .isBetween(Duration.ofMillis(250), Duration.ofSeconds(2));

        alarm.looking();
        alarm.written(Instant.now().plusMillis(100)); // written during the look, before the sleep
        assertThat(sleeping(alarm, Instant.now().plusSeconds(30), null)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void theAlarmSleepsNoLongerThanTheLookIntervalWhateverTheClockSays() throws Exception {
        ReminderAlarm standingStill = new ReminderAlarm(MutableClock.incidentMorning());
        assertThat(sleeping(standingStill, Instant.parse("2026-02-26T10:00:00Z"), Duration.ofMillis(300)))
                .isBetween(Duration.ofMillis(250), Duration.ofSeconds(2));
    }

    @Test
    void aClockSetForwardWakesTheAlarmAtOnceWhenWhatItWaitsForIsNowDue() throws Exception {
        MutableClock clock = MutableClock.incidentMorning();
        ReminderAlarm alarm = new ReminderAlarm(clock);
        Thread mover = new Thread(() -> {
            sleepQuietly(200);
            clock.set(Instant.parse("2026-02-26T09:15:00Z"));
            alarm.clockMoved();
        });
        mover.start();

        assertThat(sleeping(alarm, Instant.parse("2026-02-26T09:15:00Z"), null))
                .as("an hour of waiting at 09:00 ends with the jump, not with the look interval")
                .isBetween(Duration.ofMillis(150), Duration.ofSeconds(2));
    }

    private static Duration sleeping(ReminderAlarm alarm, Instant due, Duration atMost) throws InterruptedException {
        long began = System.nanoTime();
        alarm.sleep(Optional.of(due), atMost == null ? Duration.ofSeconds(30) : atMost);
        alarm.looking();
        return Duration.ofNanos(System.nanoTime() - began);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
