package io.sitrep.bot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.sitrep.bot.command.MutableClock;
import io.sitrep.config.StoreCheckSettings;
import io.sitrep.incident.store.StoreUnavailableException;

/**
 * The store as the replica knows it, with the PINGs held by the test until it answers them and
 * the elapsed time stepped by hand: away when a PING goes unanswered for the timeout, fails, or
 * a call finds it unavailable; back with the first PING answered that was sent after that.
 */
class StoreWatchTest {

    private final MutableClock clock = MutableClock.incidentMorning();
    private final List<Runnable> pingsOut = new ArrayList<>();
    private boolean redisAnswers = true;
    private long nanos;
    private final StoreWatch watch = new StoreWatch(() -> redisAnswers, StoreCheckSettings.defaults(), clock,
            () -> nanos, pingsOut::add);

    @Test
    void aPingAwaitedForTheTimeoutCallsTheStoreAwayAndItsAnswerBringsItBack() {
        watch.check();
        step(Duration.ofMillis(999));
        watch.check();
        assertThat(watch.knownAway()).as("not yet overdue").isFalse();

        step(Duration.ofMillis(1));
        watch.check();
        assertThat(watch.knownAway()).isTrue();
        assertThat(watch.seen().trouble()).isEqualTo("no answer to a PING for 1000 ms");
        assertThat(watch.seen().since()).isEqualTo(clock.instant());

        answerPing();
        assertThat(watch.knownAway()).isFalse();
        assertThat(watch.seen().trouble()).isNull();
    }

    @Test
    void onlyOnePingIsAwaitedAtATime() {
        watch.check();
        step(Duration.ofSeconds(5));
        watch.check();
        watch.check();

        assertThat(pingsOut).hasSize(1);
    }

    @Test
    void aPingThatFailsCallsTheStoreAwayUntilOneIsAnswered() {
        redisAnswers = false;
        watch.check();
        answerPing();
        assertThat(watch.knownAway()).isTrue();
        assertThat(watch.seen().trouble()).isEqualTo("it does not answer a PING");

        redisAnswers = true;
        watch.check();
        answerPing();
        assertThat(watch.knownAway()).isFalse();
    }

    @Test
    void aCallThatFoundTheStoreUnavailableCallsItAwayAtOnceAndHasItAskedAgain() {
        watch.unavailable(new StoreUnavailableException("Redis is unavailable: Read timed out", null));

        assertThat(watch.knownAway()).isTrue();
        assertThat(watch.seen().trouble()).isEqualTo("Redis is unavailable: Read timed out");
        assertThat(pingsOut).as("asked at once, not at the next check").hasSize(1);
        answerPing();
        assertThat(watch.knownAway()).isFalse();
    }

    @Test
    void aPingSentBeforeACallFailedDoesNotBringTheStoreBack() {
        watch.check();
        watch.unavailable(new StoreUnavailableException("Redis is unavailable: Connection reset", null));

        answerPing();
        assertThat(watch.knownAway()).as("its answer may predate the failure").isTrue();
        assertThat(pingsOut).as("asked again").hasSize(1);
        answerPing();
        assertThat(watch.knownAway()).isFalse();
    }

    @Test
    void awayKeepsTheTimeItWentAwayWhileItsTroubleChanges() {
        Instant wentAway = clock.instant();
        watch.unavailable(new StoreUnavailableException("Redis is unavailable: Read timed out", null));
        clock.advance(Duration.ofSeconds(3));
        watch.unavailable(new StoreUnavailableException("Redis is unavailable: Connection refused", null));

        assertThat(watch.seen().since()).isEqualTo(wentAway);
        assertThat(watch.seen().trouble()).endsWith("Connection refused");
    }

    @Test
    void aCallAnsweredWhileTheStoreIsAwayHasItAskedAtOnce() {
        redisAnswers = false;
        watch.check();
        answerPing();
        redisAnswers = true;

        watch.answered();

        assertThat(pingsOut).hasSize(1);
        answerPing();
        assertThat(watch.knownAway()).isFalse();
    }

    @Test
    void callsAnsweredWhileTheStoreIsAvailableSendNoPing() {
        watch.answered();
        watch.answered();

        assertThat(pingsOut).isEmpty();
    }

    @Test
    void aPingThatThrowsCountsAsNoAnswer() {
        StoreWatch throwing = new StoreWatch(() -> {
            throw new IllegalStateException("pool closed");
        }, StoreCheckSettings.defaults(), clock, () -> nanos, Runnable::run);

        throwing.check();

        assertThat(throwing.knownAway()).isTrue();
    }

    private void answerPing() {
        pingsOut.remove(0).run();
    }

    private void step(Duration by) {
        nanos += by.toNanos();
    }
}
