package io.sitrep.incident.lifecycle;

/**
 * What came with an event, as far as the guards need it.
 *
 * @param text  the command's free text (reason, root cause, resolution, owner …); may be blank
 * @param force why a person overrides the health guard ({@code resolved --force <reason>}), or null
 */
public record TransitionRequest(String text, String force) {

    public static final TransitionRequest NONE = new TransitionRequest("");

    public TransitionRequest {
        text = text == null ? "" : text.strip();
        force = force == null || force.isBlank() ? null : force.strip();
    }

    public TransitionRequest(String text) {
        this(text, null);
    }

    public boolean hasText() {
        return !text.isEmpty();
    }

    public boolean forced() {
        return force != null;
    }
}
