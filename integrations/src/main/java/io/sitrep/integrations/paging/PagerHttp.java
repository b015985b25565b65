package io.sitrep.integrations.paging;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.sitrep.integrations.chat.PostponedDelivery;

/**
 * One POST of a page's JSON to whoever receives it (a person's webhook, PagerDuty), answered
 * within {@link #TIMEOUT} or given up: a receiver that hangs holds a delivery worker for five
 * seconds, not for ever. What passes — no answer, no connection, 429, 5xx — postpones the
 * delivery (after the receiver's Retry-After when it gave one); every other answer is the
 * caller's to read. The status page's webhook subscribers are posted to the same way.
 */
public final class PagerHttp {

    public static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** A Retry-After further out than this is read as this: a page is worth nothing days late. */
    private static final Duration LONGEST_RETRY_AFTER = Duration.ofHours(1);
    private static final Duration SHORTEST_RETRY_AFTER = Duration.ofSeconds(1);

    /** What the receiver answered, when it was no passing failure. */
    public record Answer(int status, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final String receiver;
    private final Clock clock;
    private final HttpClient client;

    /** @param receiver what the receiver is called in the reasons given ({@code the webhook}, {@code PagerDuty}) */
    public PagerHttp(String receiver, Clock clock) {
        this.receiver = receiver;
        this.clock = clock;
        // No redirects: a signed page goes where people.yml says, not where a receiver points it.
        this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Posts {@code json} to {@code to} with {@code headers}.
     *
     * @throws PostponedDelivery when it did not get through or the receiver asked to come back later
     */
    public Answer post(URI to, Map<String, String> headers, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(to).timeout(TIMEOUT)
                .header("Content-Type", "application/json").header("User-Agent", "Sitrep")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        CompletableFuture<HttpResponse<String>> call = client.sendAsync(request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            // The request timeout ends with the headers; this bounds a body that trickles in too.
            response = call.get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new PostponedDelivery(receiver + " did not answer within " + TIMEOUT.toSeconds() + " s", null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String why = cause instanceof java.net.http.HttpTimeoutException
                    ? "did not answer within " + TIMEOUT.toSeconds() + " s"
                    : "could not be reached (" + describe(cause) + ")";
            throw new PostponedDelivery(receiver + " " + why, null);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new PostponedDelivery("stopped while posting to " + receiver, null);
        }
        int status = response.statusCode();
        if (status == 429 || status >= 500) {
            throw new PostponedDelivery(receiver + " answered " + status, retryAfter(response.headers(), clock));
        }
        return new Answer(status, response.body());
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "no reason given";
        }
        String message = cause.getMessage();
        return cause instanceof IOException && message != null ? message : cause.getClass().getSimpleName()
                + (message == null ? "" : ": " + message);
    }

    /** A {@code Retry-After} in seconds or as an HTTP date; null when there is none or it cannot be read. */
    public static Duration retryAfter(HttpHeaders headers, Clock clock) {
        String value = headers.firstValue("Retry-After").map(String::strip).orElse("");
        if (value.isEmpty()) {
            return null;
        }
        Duration wait;
        try {
            wait = Duration.ofSeconds(Long.parseLong(value));
        } catch (NumberFormatException notSeconds) {
            try {
                wait = Duration.between(clock.instant(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
        if (wait.compareTo(SHORTEST_RETRY_AFTER) < 0) {
            return SHORTEST_RETRY_AFTER; // "now", or a date passed: not a busy loop against a receiver in trouble
        }
        return wait.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : wait;
    }

    /** {@code text} as far as {@code max} characters, for a reason people read. */
    public static String shortened(String text, int max) {
        String flat = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
    }

    /** {@code address} as a URL to post to, or null when it is no http(s) URL. */
    public static URI url(String address) {
        try {
            URI uri = new URI(address.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? uri : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}
