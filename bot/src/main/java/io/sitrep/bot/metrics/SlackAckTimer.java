package io.sitrep.bot.metrics;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.server.observation.ServerRequestObservationContext;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.ObservationPredicate;

/**
 * Times Slack's requests to {@code /slack/events} — how long Slack waited for its
 * acknowledgement — as {@code sitrep_slack_acks_seconds} by status class, with timers
 * registered once. Spring's own {@code http.server.requests} observation is skipped for that
 * path: it looks its timer up by tags on every request, which cost a fifth of the CPU of an
 * acknowledgement, the one answer Slack gives 3 seconds.
 */
public final class SlackAckTimer implements Filter {

    public static final String PATH = "/slack/events";

    private final Timer[] byStatusClass = new Timer[6];

    public SlackAckTimer(MeterRegistry registry) {
        for (int statusClass = 1; statusClass <= 5; statusClass++) {
            byStatusClass[statusClass] = Timer.builder("sitrep.slack.acks")
                    .description("Slack's requests to /slack/events, until acknowledged, by status class")
                    .tag("status", statusClass + "xx").register(registry);
        }
    }

    /** Leaves {@link #PATH} out of Spring's per-request observation; this filter times it instead. */
    public static ObservationPredicate skipSpringObservation() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && PATH.equals(request.getCarrier().getRequestURI()));
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long start = System.nanoTime();
        int statusClass = 5; // what the container answers when the chain throws
        try {
            chain.doFilter(request, response);
            statusClass = statusClass(response);
        } finally {
            byStatusClass[statusClass].record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private static int statusClass(ServletResponse response) {
        return response instanceof HttpServletResponse http ? Math.max(1, Math.min(5, http.getStatus() / 100)) : 5;
    }
}
