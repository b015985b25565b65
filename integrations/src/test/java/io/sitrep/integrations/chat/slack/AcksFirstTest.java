package io.sitrep.integrations.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Work handed off by a request waits for the acknowledgements of the requests before it, and only those. */
class AcksFirstTest {

    private final ExecutorService threads = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void workWaitsUntilTheRequestsThatCameBeforeItAreAnswered() {
        AcksFirst acks = new AcksFirst(Duration.ofSeconds(30));
        Executor work = acks.executor(threads);
        long first = acks.arrived();
        long second = acks.arrived();
        AtomicBoolean ran = new AtomicBoolean();

        work.execute(() -> ran.set(true));

        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).untilFalse(ran);
        acks.answered(second);
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).untilFalse(ran);
        acks.answered(first);
        await().atMost(Duration.ofSeconds(5)).untilTrue(ran);
    }

    @Test
    void requestsArrivingAfterTheHandOffHoldNothingBack() {
        AcksFirst acks = new AcksFirst(Duration.ofSeconds(30));
        Executor work = acks.executor(threads);
        AtomicBoolean ran = new AtomicBoolean();
        long answeredBefore = acks.arrived();
        acks.answered(answeredBefore);

        work.execute(() -> {
            acks.arrived(); // a later request still being answered
            ran.set(true);
        });
        acks.arrived();

        await().atMost(Duration.ofSeconds(5)).untilTrue(ran);
    }

    @Test
    void anAnswerThatNeverComesHoldsWorkBackNoLongerThanTheLimit() {
        AcksFirst acks = new AcksFirst(Duration.ofMillis(300));
        Executor work = acks.executor(threads);
        acks.arrived(); // never answered: a request whose thread died
        AtomicBoolean ran = new AtomicBoolean();
        long handedOff = System.nanoTime();

        work.execute(() -> ran.set(true));

        await().atMost(Duration.ofSeconds(5)).untilTrue(ran);
        assertThat(Duration.ofNanos(System.nanoTime() - handedOff)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
}
