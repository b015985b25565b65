package io.sitrep.bot.lifecycle;

import java.util.LinkedHashMap;
import java.util.Map;

import io.sitrep.bot.command.IncidentCommand;

/** An incident's life from declaration to resolution, and what is read of it on the way. */
public final class LifecycleCommands {

    private LifecycleCommands() {
    }

    /** By the name of their spec. */
    public static Map<String, IncidentCommand> all() {
        Map<String, IncidentCommand> commands = new LinkedHashMap<>();
        commands.put("declare", new DeclareCommand());
        commands.putAll(StatusChangeCommand.all());
        commands.put("update", new UpdateCommand());
        commands.put("sev", new SeverityCommand());
        commands.put("assign", new AssignCommand());
        commands.put("note", new NoteCommand());
        commands.put("status", new StatusCommand());
        commands.put("list", new ListCommand());
        commands.put("timeline", new TimelineCommand());
        return commands;
    }
}
