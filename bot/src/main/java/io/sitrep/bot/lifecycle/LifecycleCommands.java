package io.sitrep.bot.lifecycle;

import java.util.LinkedHashMap;
import java.util.Map;

import io.sitrep.bot.command.CommandSet;
import io.sitrep.bot.command.IncidentCommand;
import io.sitrep.bot.delivery.DeliveryBacklog;
import io.sitrep.bot.runbook.RunbookCatalog;

/** An incident's life from declaration to resolution, and what is read of it on the way. */
public final class LifecycleCommands {

    private LifecycleCommands() {
    }

    /**
     * @param runbooks what a new incident is told fits it
     * @param backlog what the incident's posts still owe, for {@code status}
     */
    public static CommandSet commands(RunbookCatalog runbooks, DeliveryBacklog backlog) {
        Map<String, IncidentCommand> commands = new LinkedHashMap<>();
        commands.put("declare", new DeclareCommand(runbooks));
        commands.putAll(StatusChangeCommand.all());
        commands.put("update", new UpdateCommand());
        commands.put("sev", new SeverityCommand());
        commands.put("assign", new AssignCommand());
        commands.put("note", new NoteCommand());
        commands.put("status", new StatusCommand(backlog));
        commands.put("list", new ListCommand());
        commands.put("timeline", new TimelineCommand());
        return new CommandSet(commands);
    }
}
