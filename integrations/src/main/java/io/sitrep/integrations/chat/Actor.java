package io.sitrep.integrations.chat;

import io.sitrep.incident.Origin;
import io.sitrep.incident.Platform;

/**
 * The person who typed a command, as the platform names them.
 *
 * @param name the name commands record ({@code alice})
 * @param id   the platform's own id for them ({@code U0123} on Slack), or null where there is none
 */
public record Actor(String name, String id) {

    public Actor {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an actor needs a name");
        }
        name = name.strip();
        id = id == null || id.isBlank() ? null : id.strip();
    }

    public Actor(String name) {
        this(name, null);
    }

    /** This person, on {@code platform}: where a change they typed came from. */
    public Origin.Person on(Platform platform) {
        return new Origin.Person(platform, name, id);
    }
}
