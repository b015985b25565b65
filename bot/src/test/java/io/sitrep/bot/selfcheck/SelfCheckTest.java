package io.sitrep.bot.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.sitrep.config.SelfCheckSettings;
import io.sitrep.integrations.redis.EmbeddedRedis;
import io.sitrep.integrations.redis.RedisConnection;
import io.sitrep.integrations.redis.RedisServers;
import io.sitrep.integrations.redis.TestRedis;

/**
 * The self-check on real threads, with its own stepped monotonic clock: work waiting on a lock
 * past stall-after is a stall (logged with its threads first, then liveness DOWN); a deadlock is
 * one at once; a loop that is only slow (a frozen Redis included), or that keeps coming round, is not.
 */
@ExtendWith(OutputCaptureExtension.class)
class SelfCheckTest {

    private static final Duration STALL_AFTER = Duration.ofSeconds(30);

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final SelfCheck check = new SelfCheck(new SelfCheckSettings(STALL_AFTER, Duration.ofSeconds(1)), nanos::get);
    private final SelfCheckHealth health = new SelfCheckHealth(check);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseEverything() {
        release.countDown();
    }

    @Test
    void workWaitingOnALockPastStallAfterIsAStallLoggedWithItsThreadThenLivenessIsDown(CapturedOutput log)
            throws Exception {
        LoopProgress commands = check.loop("slack-commands");
        Thread worker = startUnit(commands, "slack-command", () -> waitFor(release));
        await().atMost(Duration.ofSeconds(10)).until(() -> worker.getState() == Thread.State.WAITING);
        assertThat(check.check()).as("first seen waiting").isEmpty();

        step(STALL_AFTER.minusSeconds(1));
        assertThat(check.check()).as("waiting, but not for long yet").isEmpty();
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);

        step(Duration.ofSeconds(2));
        assertThat(check.check()).singleElement().satisfies(stall -> {
            assertThat(stall.loop()).isEqualTo("slack-commands");
            assertThat(stall.reason()).startsWith("thread slack-command has waited on java.util.concurrent.CountDownLatch");
        });
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.health().getDetails()).containsKey("slack-commands");
        assertThat(log.getOut()).contains("Self-check: the slack-commands loop is stalled")
                .contains("\"slack-command\" #" + worker.getId() + " WAITING on java.util.concurrent.CountDownLatch")
                .contains("io.sitrep.bot.selfcheck.SelfCheckTest.waitFor(SelfCheckTest.java:");

        release.countDown();
        worker.join(10_000);
        assertThat(check.check()).as("the work ended: moving again").isEmpty();
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(log.getOut()).contains("Self-check: the slack-commands loop is moving again");
    }

    @Test
    void aLongUnitSeenWaitingOnceIsNotStuckUntilItHasWaitedThatLong() throws Exception {
        LoopProgress commands = check.loop("slack-commands");
        CountDownLatch runLong = new CountDownLatch(1);
        Thread worker = startUnit(commands, "slack-command", () -> {
            waitFor(runLong); // the unit's first part: waiting on something that answers in time
            waitFor(release);
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> worker.getState() == Thread.State.WAITING);
        step(STALL_AFTER.plusSeconds(10)); // the unit has run for 40 s, never looked at

        assertThat(check.check()).as("seen waiting for the first time: not yet a stall").isEmpty();
        step(Duration.ofSeconds(5));
        assertThat(check.check()).as("waited 5 s since first seen").isEmpty();
        step(STALL_AFTER);
        assertThat(check.check()).as("waited on the same lock for stall-after").hasSize(1);
        runLong.countDown();
    }

    @Test
    void aSlowLoopIsNoStallWhetherItSleepsInItsWorkOrComesRoundSlowly() throws Exception {
        LoopProgress delivery = check.loop("delivery");
        Thread worker = startUnit(delivery, "delivery-worker", () -> {
            while (release.getCount() > 0) {
                sleep(5); // a slow platform call: timed waits, never on a lock
            }
        });
        LoopProgress reminders = check.loop("reminders", Duration.ofSeconds(5));
        reminders.round();
        await().atMost(Duration.ofSeconds(10)).until(() -> worker.getState() == Thread.State.TIMED_WAITING);

        for (int i = 0; i < 12; i++) {
            step(Duration.ofSeconds(10));
            reminders.round(); // every 10 s where 5 are expected: slow, yet coming round
            assertThat(check.check()).as("after %d s", (i + 1) * 10).isEmpty();
        }
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void waitingForAnAnswerFromAnotherThreadIsSlowNotStuck() throws Exception {
        LoopProgress discord = check.loop("discord-commands");
        java.util.concurrent.CompletableFuture<String> answer = new java.util.concurrent.CompletableFuture<>();
        Thread worker = startUnit(discord, "discord-command", answer::join); // as JDA's complete() waits
        await().atMost(Duration.ofSeconds(10)).until(() -> worker.getState() == Thread.State.WAITING);

        step(STALL_AFTER.multipliedBy(2));

        assertThat(check.check()).isEmpty();
        answer.complete("ok");
        worker.join(10_000);
    }

    @Test
    void workWaitingOnAFrozenRedisIsSlowNotStuck() throws Exception {
        EmbeddedRedis redis = EmbeddedRedis.start(TestRedis.tempDir("selfcheck-frozen-redis"));
        try (RedisConnection connection = RedisConnection.open(redis.url())) {
            connection.jedis().ping(); // a connection in the pool, as a running Sitrep has
            LoopProgress delivery = check.loop("delivery");
            RedisServers.freeze(redis);
            Thread worker = startUnit(delivery, "delivery-worker", () -> {
                try {
                    connection.jedis().get("sitrep:lanes"); // answered by nobody until Jedis gives up
                } catch (RuntimeException timedOut) {
                    // As the loop's own handling would: it tries again later.
                }
            });
            await().atMost(Duration.ofSeconds(4)).until(() -> readsFromASocket(worker));

            step(STALL_AFTER.multipliedBy(2));
            assertThat(check.check()).as("a thread in a socket read is slow, not stuck").isEmpty();
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);

            RedisServers.thaw(redis);
            worker.join(10_000);
        } finally {
            RedisServers.thaw(redis);
            redis.close();
        }
    }

    @Test
    void aLoopThatStopsComingRoundIsStalledOnceStallAfterAndItsPeriodHavePassed() {
        LoopProgress watch = check.loop("health-watch", Duration.ofSeconds(5));
        LoopProgress neverStarted = check.loop("reminders", Duration.ofSeconds(5));
        watch.round();

        step(STALL_AFTER);
        assertThat(check.check()).isEmpty();
        step(Duration.ofSeconds(5));
        assertThat(check.check()).singleElement().satisfies(stall -> {
            assertThat(stall.loop()).isEqualTo("health-watch");
            assertThat(stall.reason()).isEqualTo("it has not come round for 35 s (every 5000 ms expected)");
        });
        assertThat(neverStarted.lastRound()).as("a loop not started here is not judged").isNull();
    }

    @Test
    void aDeadlockIsAStallAtOnceWithBothThreadsAndTheLocksTheyHold(CapturedOutput log) throws Exception {
        LoopProgress reminders = check.loop("reminders");
        ReentrantLock first = new ReentrantLock();
        ReentrantLock second = new ReentrantLock();
        CountDownLatch bothHoldOne = new CountDownLatch(2);
        Thread a = startUnit(reminders, "reminder-worker-a", () -> lockBoth(first, second, bothHoldOne));
        Thread b = startUnit(reminders, "reminder-worker-b", () -> lockBoth(second, first, bothHoldOne));
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> check.check().size() == 1);

            assertThat(check.stalled().get("reminders").reason()).contains("is in a deadlock");
            assertThat(check.stalled().get("reminders").threads()).containsExactlyInAnyOrder(a, b);
            assertThat(log.getOut()).contains("\"reminder-worker-a\"").contains("\"reminder-worker-b\"")
                    .contains("- holds java.util.concurrent.locks.ReentrantLock$NonfairSync");
        } finally {
            a.interrupt();
            b.interrupt();
            a.join(10_000);
            b.join(10_000);
        }
    }

    private static boolean readsFromASocket(Thread thread) {
        return java.util.Arrays.stream(thread.getStackTrace()).anyMatch(frame -> frame.getClassName().contains("Socket")
                && frame.getMethodName().contains("read"));
    }

    private void step(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    /** One unit of the loop's work on a thread of its own, as its executor would run it. */
    private static Thread startUnit(LoopProgress loop, String name, Runnable work) {
        Thread thread = new Thread(() -> loop.run(work), name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void lockBoth(ReentrantLock mine, ReentrantLock theirs, CountDownLatch bothHoldOne) {
        try {
            mine.lockInterruptibly();
            try {
                bothHoldOne.countDown();
                bothHoldOne.await();
                theirs.lockInterruptibly(); // each waits for the other's: a deadlock
                theirs.unlock();
            } finally {
                mine.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
