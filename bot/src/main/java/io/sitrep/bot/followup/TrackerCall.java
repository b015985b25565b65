package io.sitrep.bot.followup;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.sitrep.integrations.chat.PostponedDelivery;
import io.sitrep.integrations.paging.PagerHttp;

/**
 * One call to an issue tracker's REST API, answered within {@link #TIMEOUT}. What passes
 * postpones the delivery that made the call: no answer, 5xx, 429 and GitHub's rate limits (403
 * with {@code x-ratelimit-remaining: 0} until {@code x-ratelimit-reset}, or a {@code Retry-After})
 * — after the wait the tracker asked for — and a refused token (401), which an admin mends. Every
 * other answer is the caller's to read.
 */
final class TrackerCall {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** A token the tracker refuses is not retried in a busy loop: someone has to replace it. */
    static final Duration AFTER_REFUSED_TOKEN = Duration.ofMinutes(5);

    record Answer(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final String tracker;
    private final Map<String, String> headers;
    private final Clock clock;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** @param headers sent with every call: the token, the API version */
    TrackerCall(String tracker, Map<String, String> headers, Clock clock) {
        this.tracker = tracker;
        this.headers = Map.copyOf(headers);
        this.clock = clock;
    }

    Answer get(URI url) {
        return send(HttpRequest.newBuilder(url).GET());
    }

    Answer post(URI url, String json) {
        return send(HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    private Answer send(HttpRequest.Builder request) {
        request.timeout(TIMEOUT).header("User-Agent", "Sitrep").header("Accept", "application/json");
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The call may have been taken all the same: whoever retries looks for its issue first.
            throw new PostponedDelivery(tracker + " could not be reached or did not answer (" + e + ")", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PostponedDelivery("stopped while calling " + tracker, null);
        }
        int status = response.statusCode();
        Duration limited = rateLimited(response);
        if (limited != null) {
            throw new PostponedDelivery(tracker + " rate limit: answered " + status, limited);
        }
        if (status == 401) {
            throw new PostponedDelivery(tracker + " refused the token (401)", AFTER_REFUSED_TOKEN);
        }
        if (status == 429 || status >= 500) {
            throw new PostponedDelivery(tracker + " answered " + status, PagerHttp.retryAfter(response.headers(), clock));
        }
        return new Answer(status, response.body());
    }

    /** How long the tracker asks to be left alone, or null when it does not. */
    private Duration rateLimited(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status != 403 && status != 429) {
            return null;
        }
        Duration retryAfter = PagerHttp.retryAfter(response.headers(), clock);
        if (retryAfter != null) {
            return retryAfter;
        }
        boolean spent = response.headers().firstValue("x-ratelimit-remaining").map(String::strip).filter("0"::equals)
                .isPresent();
        if (!spent) {
            return status == 429 ? Duration.ofMinutes(1) : null;
        }
        Instant reset = response.headers().firstValue("x-ratelimit-reset").map(String::strip).map(TrackerCall::epoch)
                .orElse(clock.instant().plus(Duration.ofMinutes(1)));
        Duration wait = Duration.between(clock.instant(), reset);
        return wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait;
    }

    private static Instant epoch(String seconds) {
        try {
            return Instant.ofEpochSecond(Long.parseLong(seconds));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
