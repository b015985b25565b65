package io.sitrep.incident.lifecycle;

/**
 * What came with an event, as far as the guards need it.
 *
 * @param text the command's free text (reason, root cause, resolution, owner …); may be blank
 */
public record TransitionRequest(String text) {

    public static final TransitionRequest NONE = new TransitionRequest("");

    public TransitionRequest {
        text = text == null ? "" : text.strip();
    }

    public boolean hasText() {
        return !text.isEmpty();
    }
}
