package io.sitrep.bot.command;

import java.util.List;
import java.util.Optional;

/** {@code help [subcommand]}: every command with one line each, or one command's usage. */
final class HelpCommand implements IncidentCommand {

    private final List<IncidentCommand> commands;

    HelpCommand(List<IncidentCommand> commands) {
        this.commands = commands;
    }

    @Override
    public String name() {
        return "help";
    }

    @Override
    public String usage() {
        return "help [subcommand]";
    }

    @Override
    public String summary() {
        return "this list, or one command's usage";
    }

    @Override
    public Reply run(Invocation in) {
        if (!in.args().isEmpty()) {
            String wanted = String.join(" ", in.args()).toLowerCase(java.util.Locale.ROOT);
            Optional<IncidentCommand> exact = commands.stream().filter(c -> c.name().equals(wanted)).findFirst();
            List<IncidentCommand> matching = exact.map(List::of).orElseGet(() -> commands.stream()
                    .filter(c -> c.name().startsWith(wanted + " ")).toList());
            if (matching.isEmpty()) {
                throw new CommandException("There is no command '" + wanted + "'. " + CommandDispatcher.commandList(commands));
            }
            StringBuilder s = new StringBuilder();
            for (IncidentCommand c : matching) {
                s.append(s.isEmpty() ? "" : "\n").append("/incident ").append(c.usage()).append("\n    ").append(c.summary());
            }
            return Reply.text(s.toString());
        }
        StringBuilder s = new StringBuilder("Sitrep commands (outside an incident channel, name it: /incident resolved INC-7 …):");
        for (IncidentCommand c : commands) {
            s.append("\n/incident ").append(c.usage()).append("\n    ").append(c.summary());
        }
        s.append("\nQuote text with spaces (\"rolled back\"); times are HH:MM (UTC, today) or 2026-02-26T08:19Z.");
        return Reply.text(s.toString());
    }
}
