package io.sitrep.integrations.chat;

/** The person who typed a command, as the platform names them. */
public record Actor(String name) {

    public Actor {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an actor needs a name");
        }
        name = name.strip();
    }
}
