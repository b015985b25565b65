package io.sitrep.integrations.chat.slack;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.slack.api.bolt.App;
import com.slack.api.bolt.jakarta_servlet.SlackAppServlet;
import com.slack.api.bolt.middleware.Middleware;

/**
 * Acknowledgements before the work they hand off. Slack gives a request 3 seconds to be
 * acknowledged, while what it asked for may answer later. When fifty people press a button or
 * type a command at once, the first commands handed off would otherwise take the cores from the
 * acknowledgements still being written. So work handed off waits until the signed requests that
 * arrived before it have been answered — not later ones, so a steady stream never holds it back —
 * and never longer than {@code longest}.
 *
 * <p>HTTP mode only: a request counts from its signature check (so an unsigned or slowly sent
 * request holds nothing back) until its answer is flushed.
 */
final class AcksFirst {

    private final ConcurrentSkipListSet<Long> answering = new ConcurrentSkipListSet<>();
    private final AtomicLong arrivals = new AtomicLong();
    private final AtomicInteger waiting = new AtomicInteger();
    private final ThreadLocal<Long> current = new ThreadLocal<>();
    private final Object answered = new Object();
    private final long longestNanos;

    AcksFirst(Duration longest) {
        this.longestNanos = longest.toNanos();
    }

    /** Bolt middleware, after the signature check: the request is being acknowledged from here on. */
    Middleware middleware() {
        return (request, response, chain) -> {
            current.set(arrived());
            return chain.next(request);
        };
    }

    /** Bolt's servlet, releasing the work that waited on this request once its answer is out. */
    HttpServlet servlet(App app) {
        return new SlackAppServlet(app) {
            @Override
            protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
                try {
                    super.doPost(request, response);
                    response.flushBuffer();
                } finally {
                    Long ticket = current.get();
                    if (ticket != null) {
                        current.remove();
                        answered(ticket);
                    }
                }
            }
        };
    }

    /** {@code work}, each task starting once the requests that arrived before it was handed off are answered. */
    Executor executor(Executor work) {
        return task -> {
            long arrivedBefore = arrivals.get();
            work.execute(() -> {
                awaitAnswered(arrivedBefore);
                task.run();
            });
        };
    }

    /** A request being acknowledged from now on; its ticket. */
    long arrived() {
        long ticket = arrivals.incrementAndGet();
        answering.add(ticket);
        return ticket;
    }

    /** The request of {@code ticket} has its answer. */
    void answered(long ticket) {
        answering.remove(ticket);
        if (waiting.get() > 0) { // no lock on the acknowledgement's path while no work waits
            synchronized (answered) {
                answered.notifyAll();
            }
        }
    }

    private void awaitAnswered(long upTo) {
        long deadline = System.nanoTime() + longestNanos;
        waiting.incrementAndGet();
        try {
            awaitAnsweredUntil(upTo, deadline);
        } finally {
            waiting.decrementAndGet();
        }
    }

    private void awaitAnsweredUntil(long upTo, long deadline) {
        synchronized (answered) {
            for (Long oldest = answering.ceiling(Long.MIN_VALUE); oldest != null && oldest <= upTo;
                 oldest = answering.ceiling(Long.MIN_VALUE)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    answered.wait(left / 1_000_000, (int) (left % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
