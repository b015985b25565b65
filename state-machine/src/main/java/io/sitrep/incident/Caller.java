package io.sitrep.incident;

/**
 * Who asked for a change, and through which door: the actor and source of the timeline entry
 * the change writes.
 */
public record Caller(String name, String source) {

    public Caller {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a caller needs a name");
        }
        source = source == null || source.isBlank() ? "unknown" : source;
    }
}
