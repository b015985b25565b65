package io.sitrep.integrations.chat.slack;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;

/**
 * Slack's Web API with Slack's failure modes handled once: rate limits wait as long as
 * {@code Retry-After} says, outages and server errors are retried with backoff, and a post to a
 * channel the bot has left joins it and tries again. What Slack refuses for good comes back as
 * a {@link SlackCallFailedException} carrying Slack's error code.
 */
final class SlackWebApi {

    /** A call of one Web API method. */
    @FunctionalInterface
    interface Call<T extends SlackApiTextResponse> {
        T send(MethodsClient client) throws IOException, SlackApiException;
    }

    /** Waits between attempts; tests may count instead of sleeping. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private static final Logger log = LoggerFactory.getLogger(SlackWebApi.class);
    /** Errors that say "not now" rather than "never". */
    private static final Set<String> TRANSIENT_ERRORS = Set.of("ratelimited", "internal_error", "fatal_error",
            "service_unavailable", "request_timeout");
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    private final MethodsClient client;
    private final RetryPolicy policy;
    private final Sleeper sleeper;

    /**
     * @param attempts      how many times a call is tried before it is given up
     * @param maxWait       the longest backoff between two attempts
     * @param longestInCall the longest wait spent inside one call; a longer one (a long
     *                      Retry-After) ends the call at once as passing, for the caller to
     *                      come back later rather than hold its thread
     */
    record RetryPolicy(int attempts, Duration firstBackoff, Duration maxWait, Duration longestInCall) {
        /** For deliveries: a few quick tries, then the delivery queue waits (its backoff survives restarts). */
        static final RetryPolicy DELIVERY = new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(2),
                Duration.ofSeconds(5));
        /** For calls a user is waiting on: one quick second try. */
        static final RetryPolicy INTERACTIVE = new RetryPolicy(2, Duration.ofMillis(200), Duration.ofSeconds(1),
                Duration.ofSeconds(1));

        RetryPolicy(int attempts, Duration firstBackoff, Duration maxWait) {
            this(attempts, firstBackoff, maxWait, Duration.ofDays(1));
        }

        Duration backoff(int attempt) {
            long factor = 1L << Math.min(attempt - 1, 20);
            Duration wait = firstBackoff.multipliedBy(factor);
            return wait.compareTo(maxWait) > 0 ? maxWait : wait;
        }
    }

    SlackWebApi(MethodsClient client, RetryPolicy policy, Sleeper sleeper) {
        this.client = client;
        this.policy = policy;
        this.sleeper = sleeper;
    }

    /** A call on no particular channel. */
    <T extends SlackApiTextResponse> T call(String method, Call<T> call) throws SlackCallFailedException {
        return call(method, null, call);
    }

    /**
     * A call on {@code channel}: if Slack answers {@code not_in_channel}, the bot joins the channel
     * (public channels only; Slack says so otherwise) and the call is tried again.
     */
    <T extends SlackApiTextResponse> T call(String method, String channel, Call<T> call) throws SlackCallFailedException {
        return call(method, channel, call, true);
    }

    /**
     * A call Slack carries out again if it is sent again: a post (Slack has no idempotency key
     * for {@code chat.postMessage}). It is tried again only after an answer that says Slack did
     * not carry it out (a rate limit, {@code not_in_channel}, no connection made); after any
     * other failure (a 5xx, a timeout, a connection lost) it may be out, and the call ends at
     * once as passing, for the caller to look before sending it again.
     */
    <T extends SlackApiTextResponse> T callOnce(String method, String channel, Call<T> call)
            throws SlackCallFailedException {
        return call(method, channel, call, false);
    }

    private <T extends SlackApiTextResponse> T call(String method, String channel, Call<T> call, boolean repeatable)
            throws SlackCallFailedException {
        boolean joined = false;
        String lastError = "no attempt";
        for (int attempt = 1; attempt <= policy.attempts(); attempt++) {
            Duration wait;
            boolean notCarriedOut = false;
            try {
                T response = call.send(client);
                if (response.isOk()) {
                    return response;
                }
                String error = response.getError();
                if ("not_in_channel".equals(error) && channel != null && !joined) {
                    join(channel);
                    joined = true;
                    attempt--;
                    continue;
                }
                if (!TRANSIENT_ERRORS.contains(error)) {
                    throw new SlackCallFailedException(method, error);
                }
                lastError = error;
                notCarriedOut = "ratelimited".equals(error);
                wait = notCarriedOut ? DEFAULT_RETRY_AFTER : policy.backoff(attempt);
            } catch (SlackApiException e) {
                int status = e.getResponse().code();
                if (status == 429) {
                    wait = retryAfter(e);
                    lastError = "rate limited, retry after " + wait.toSeconds() + " s";
                    notCarriedOut = true;
                } else if (status >= 500) {
                    wait = policy.backoff(attempt);
                    lastError = "HTTP " + status;
                } else {
                    String error = e.getError() != null && e.getError().getError() != null ? e.getError().getError()
                            : "HTTP " + status;
                    throw new SlackCallFailedException(method, error);
                }
            } catch (IOException e) {
                wait = policy.backoff(attempt);
                lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
                notCarriedOut = e instanceof ConnectException || e instanceof UnknownHostException;
            }
            if (!repeatable && !notCarriedOut) {
                throw SlackCallFailedException.passing(method, lastError + " (outcome unknown)", null);
            }
            if (wait.compareTo(policy.longestInCall()) > 0) {
                throw SlackCallFailedException.passing(method, lastError, wait);
            }
            if (attempt < policy.attempts()) {
                log.info("Slack {} attempt {} failed ({}); trying again in {} ms", method, attempt, lastError,
                        wait.toMillis());
                pause(wait, method);
            }
        }
        throw SlackCallFailedException.passing(method, "gave up after " + policy.attempts() + " attempts: " + lastError,
                null);
    }

    private void join(String channel) throws SlackCallFailedException {
        log.info("Not in Slack channel {}; joining it", channel);
        call("conversations.join", null, c -> c.conversationsJoin(r -> r.channel(channel)));
    }

    private Duration retryAfter(SlackApiException e) {
        String header = e.getResponse().header("Retry-After");
        Duration wait = DEFAULT_RETRY_AFTER;
        if (header != null) {
            try {
                wait = Duration.ofSeconds(Math.max(0, Long.parseLong(header.strip())));
            } catch (NumberFormatException notSeconds) {
                log.debug("Unreadable Retry-After '{}'; waiting {}", header, wait);
            }
        }
        // Honoured as given: asking again sooner only extends the limit.
        return wait;
    }

    private void pause(Duration wait, String method) throws SlackCallFailedException {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SlackCallFailedException.passing(method, "interrupted while waiting to retry", null);
        }
    }
}
