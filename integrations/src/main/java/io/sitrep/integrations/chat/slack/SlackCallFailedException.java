package io.sitrep.integrations.chat.slack;

import java.time.Duration;

/**
 * A Web API call that Slack refused for good ({@code channel_not_found}, …), or that kept
 * failing in a way that passes (an outage, a rate limit): {@link #passing()} tells which.
 */
final class SlackCallFailedException extends Exception {

    private final String method;
    private final String error;
    private final boolean passing;
    private final transient Duration retryAfter;

    SlackCallFailedException(String method, String error) {
        this(method, error, false, null);
    }

    private SlackCallFailedException(String method, String error, boolean passing, Duration retryAfter) {
        super(method + " failed: " + error);
        this.method = method;
        this.error = error;
        this.passing = passing;
        this.retryAfter = retryAfter;
    }

    /** Slack was down, slow or limiting for longer than one call waits: worth trying again later. */
    static SlackCallFailedException passing(String method, String error, Duration retryAfter) {
        return new SlackCallFailedException(method, error, true, retryAfter);
    }

    String method() {
        return method;
    }

    /** Slack's error code ({@code name_taken}), or a description when the call never got an answer. */
    String error() {
        return error;
    }

    boolean passing() {
        return passing;
    }

    /** How long Slack asked to be left alone, when it said; null otherwise. */
    Duration retryAfter() {
        return retryAfter;
    }
}
