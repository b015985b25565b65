package io.sitrep.integrations.chat.slack;

/** A Web API call that Slack refused for good ({@code channel_not_found}, …) or that kept failing. */
final class SlackCallFailedException extends Exception {

    private final String method;
    private final String error;

    SlackCallFailedException(String method, String error) {
        super(method + " failed: " + error);
        this.method = method;
        this.error = error;
    }

    String method() {
        return method;
    }

    /** Slack's error code ({@code name_taken}), or a description when the call never got an answer. */
    String error() {
        return error;
    }
}
