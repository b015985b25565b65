package io.sitrep.integrations.redis;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.sitrep.integrations.chat.DeliveryQueue;

/** A thread waiting on a wake signal over and over, as a replica's delivery listener does, counting what woke it. */
final class WakeListener implements AutoCloseable {

    private final DeliveryQueue.WorkSignal signal;
    private final AtomicInteger woken = new AtomicInteger();
    private final AtomicInteger timedOut = new AtomicInteger();
    private final Thread thread;

    WakeListener(DeliveryQueue.WorkSignal signal, Duration timeout) {
        this.signal = signal;
        this.thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    (signal.await(timeout) ? woken : timedOut).incrementAndGet();
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "wake-listener");
        thread.setDaemon(true);
        thread.start();
    }

    int woken() {
        return woken.get();
    }

    int timedOut() {
        return timedOut.get();
    }

    boolean alive() {
        return thread.isAlive();
    }

    @Override
    public void close() {
        thread.interrupt();
        signal.close();
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
