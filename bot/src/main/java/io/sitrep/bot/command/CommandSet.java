package io.sitrep.bot.command;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A feature's commands, by the name of their spec ({@code "runbook step"}). Each feature
 * contributes its set as a bean; the dispatcher takes them all, so this package knows none.
 */
public record CommandSet(Map<String, IncidentCommand> byName) {

    public CommandSet {
        byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    public static CommandSet of(String name, IncidentCommand command) {
        return new CommandSet(Map.of(name, command));
    }
}
