package io.sitrep.bot.postmortem;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.sitrep.bot.command.CommandSet;
import io.sitrep.bot.command.IncidentCommand;

/** After resolution: the postmortem's start, its fields and actions, closing, and the exported document. */
public final class PostmortemCommands {

    private PostmortemCommands() {
    }

    /** @param exports where {@code export} writes its documents */
    public static CommandSet commands(Path exports) {
        Map<String, IncidentCommand> commands = new LinkedHashMap<>();
        commands.put("postmortem start", new PostmortemStartCommand());
        commands.put("postmortem set", new PostmortemSetCommand());
        commands.put("postmortem action", new PostmortemActionCommand());
        commands.put("close", new CloseCommand());
        commands.put("export", new ExportCommand(exports));
        return new CommandSet(commands);
    }
}
