package io.sitrep.bot.delivery;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The delivery workers of one replica that wait for work, and the wake-ups owed them. A wake-up
 * given while every worker is busy is kept (one per worker at most), so a worker that has just
 * found nothing to claim cannot miss a lane made due a moment later. The listener asks here
 * whether a worker is free before it takes a wake-up from the queue: one taken while all are
 * busy would leave the lane waiting here when another replica had a worker free.
 */
final class IdleWorkers {

    private final int workers;
    /** Guarded by this. */
    private int waiting;
    /** Wake-ups given and not yet taken; guarded by this. */
    private int owed;

    IdleWorkers(int workers) {
        this.workers = workers;
    }

    /** A worker waits here until woken. */
    synchronized void awaitWakeUp() throws InterruptedException {
        waiting++;
        notifyAll(); // a listener may be waiting for a free worker
        try {
            while (owed == 0) {
                wait();
            }
            owed--;
        } finally {
            waiting--;
        }
    }

    /** Wakes one waiting worker, or the next to wait. */
    synchronized void wake() {
        if (owed < workers) {
            owed++;
            notifyAll();
        }
    }

    /** Waits until a worker waits with no wake-up owed it, at most {@code timeout}; whether one does. */
    synchronized boolean awaitFree(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (waiting <= owed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }
}
