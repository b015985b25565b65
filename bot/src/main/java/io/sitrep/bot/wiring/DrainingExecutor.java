package io.sitrep.bot.wiring;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.sitrep.bot.selfcheck.LoopProgress;

/**
 * A fixed pool of daemon threads with a bounded queue (a flood queues, then is refused, rather
 * than exhausting threads), which on close lets queued work finish for a while: that work was
 * already acknowledged to the user.
 */
final class DrainingExecutor extends ThreadPoolExecutor implements AutoCloseable {

    private final Duration drain;
    private final LoopProgress progress;

    /** @param progress told of each task, for the self-check */
    DrainingExecutor(String name, int threads, int queue, Duration drain, LoopProgress progress) {
        super(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(queue), runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        allowCoreThreadTimeOut(true);
        this.drain = drain;
        this.progress = progress;
    }

    @Override
    protected void beforeExecute(Thread thread, Runnable task) {
        progress.begin();
    }

    @Override
    protected void afterExecute(Runnable task, Throwable failure) {
        progress.end();
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
