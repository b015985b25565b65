package io.sitrep.bot.wiring;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A fixed pool of daemon threads with a bounded queue (a flood queues, then is refused, rather
 * than exhausting threads), which on close lets queued work finish for a while: that work was
 * already acknowledged to the user.
 */
final class DrainingExecutor extends ThreadPoolExecutor implements AutoCloseable {

    private final Duration drain;

    DrainingExecutor(String name, int threads, int queue, Duration drain) {
        super(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(queue), runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        allowCoreThreadTimeOut(true);
        this.drain = drain;
    }

    @Override
    public void close() {
        shutdown();
        try {
            if (!awaitTermination(drain.toMillis(), TimeUnit.MILLISECONDS)) {
                shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutdownNow();
        }
    }
}
