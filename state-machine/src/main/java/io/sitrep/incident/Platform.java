package io.sitrep.incident;

import java.util.Comparator;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A door people come through: a chat platform, the console or the HTTP API. The ones Sitrep
 * ships are {@link Known}; a name it does not know (a gateway added later, or one a test
 * registers) is kept as {@link Other} rather than refused, so that incidents and queued
 * deliveries that name it still load, and still route to that gateway's lane.
 *
 * <p>The stored form is the lower-case name ({@code slack}), the same the previous release wrote.
 */
public sealed interface Platform permits Platform.Known, Platform.Other {

    Platform SLACK = Known.SLACK;
    Platform DISCORD = Known.DISCORD;
    Platform CONSOLE = Known.CONSOLE;
    /** The HTTP command API ({@code POST /api/commands}), stored as {@code http}. */
    Platform API = Known.API;

    /** Orders platforms by their stored names, as the sets of them are written. */
    Comparator<Platform> BY_NAME = Comparator.comparing(Platform::wireName);

    /** The name it is stored, logged and routed under ({@code slack}): the name of its delivery lane. */
    @JsonValue
    String wireName();

    /** The platform stored as {@code name}: a known one, or else kept as it is. */
    @JsonCreator
    static Platform named(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a platform needs a name");
        }
        for (Known known : Known.values()) {
            if (known.wireName().equals(name)) {
                return known;
            }
        }
        return new Other(name);
    }

    /** The platforms Sitrep ships. */
    enum Known implements Platform {
        SLACK("slack"), DISCORD("discord"), CONSOLE("console"), API("http");

        private final String wireName;

        Known(String wireName) {
            this.wireName = wireName;
        }

        @Override
        public String wireName() {
            return wireName;
        }

        @Override
        public String toString() {
            return wireName;
        }
    }

    /** A platform this build does not ship, known only by its name. */
    record Other(String wireName) implements Platform {

        public Other {
            if (wireName == null || wireName.isBlank()) {
                throw new IllegalArgumentException("a platform needs a name");
            }
        }

        @Override
        public String toString() {
            return wireName;
        }
    }
}
