package io.sitrep.bot.demo;

import java.nio.file.Path;
import java.util.List;

/**
 * What the replay did: every command it typed with Sitrep's verdict, and the postmortem
 * documents it exported.
 *
 * @param incident the founding incident's id as Sitrep gave it ({@code INC-1})
 */
public record Replay(String incident, List<Typed> typed, List<Path> exports) {

    /** One typed command: accepted, or refused with Sitrep's reason. */
    public record Typed(String line, boolean ok, String refusal) {
    }

    public Replay {
        typed = List.copyOf(typed);
        exports = List.copyOf(exports);
    }

    public List<Typed> refused() {
        return typed.stream().filter(t -> !t.ok()).toList();
    }
}
