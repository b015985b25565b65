package io.sitrep.bot.command;

import java.util.List;
import java.util.Locale;

import io.sitrep.incident.Incident;
import io.sitrep.incident.command.CommandSpec;
import io.sitrep.incident.command.Grammar;

/** {@code help [command]}: every command with one line each, or one command (or group) in full, from the spec. */
final class HelpCommand implements IncidentCommand {

    private final Grammar grammar;

    HelpCommand(Grammar grammar) {
        this.grammar = grammar;
    }

    @Override
    public Reply run(Invocation in) {
        if (!in.args().isEmpty()) {
            String wanted = String.join(" ", in.args()).toLowerCase(Locale.ROOT);
            List<CommandSpec> matching = grammar.find(wanted).map(List::of).orElseGet(() -> grammar.verbsOf(wanted));
            if (matching.isEmpty()) {
                throw new CommandException("There is no command '" + wanted + "'."
                        + CommandDispatcher.didYouMean(wanted, grammar.commands().stream().map(CommandSpec::name).toList())
                        + " " + CommandDispatcher.commandList(grammar));
            }
            StringBuilder s = new StringBuilder();
            for (CommandSpec c : matching) {
                s.append(s.isEmpty() ? "" : "\n").append("/incident ").append(c.usage()).append("\n    ")
                        .append(c.summary()).append("\n    Example: /incident ").append(c.example());
            }
            return Reply.text(s.toString());
        }
        StringBuilder s = new StringBuilder("Sitrep commands (outside an incident channel, name it: /incident resolved INC-7 …):");
        for (CommandSpec c : grammar.commands()) {
            s.append("\n/incident ").append(c.usage()).append("\n    ").append(c.summary());
        }
        s.append("\nQuote text with spaces (\"rolled back\"); times are HH:MM (UTC, today) or 2026-02-26T08:19Z.");
        in.namedOrImpliedIncident().flatMap(in.context().store()::find).ifPresent(incident -> s.append(yours(in, incident)));
        return Reply.text(s.toString());
    }

    /** What the caller may and may not run on the incident of this channel (or the one named). */
    private String yours(Invocation in, Incident incident) {
        List<CommandSpec> about = grammar.commands().stream().filter(CommandSpec::aboutIncident).toList();
        List<String> may = about.stream().filter(c -> in.may(c, incident)).map(CommandSpec::name).toList();
        List<String> mayNot = about.stream().filter(c -> !in.may(c, incident)).map(CommandSpec::name).toList();
        return "\nOn " + incident.id() + " you may run: " + String.join(", ", may) + "."
                + (mayNot.isEmpty() ? "" : "\nNot yours there (they need a role on it): " + String.join(", ", mayNot) + ".");
    }
}
