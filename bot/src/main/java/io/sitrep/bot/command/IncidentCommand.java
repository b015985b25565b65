package io.sitrep.bot.command;

import java.util.Set;

/** One {@code /incident} subcommand: its grammar, its help, and what it does. */
interface IncidentCommand {

    /** What the user types first: {@code declare}, or {@code postmortem set} for verbs of a group. */
    String name();

    /** The full usage line, e.g. {@code resolved <resolution> [--force <reason>]}. */
    String usage();

    /** One line for {@code help}. */
    String summary();

    /** The {@code --flags} it accepts; any other is refused. */
    default Set<String> flags() {
        return Set.of();
    }

    Reply run(Invocation invocation);
}
