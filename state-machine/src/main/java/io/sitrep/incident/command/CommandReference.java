package io.sitrep.incident.command;

/** The command table of docs/commands.md, made from the grammar (a test keeps the document equal to it). */
public final class CommandReference {

    private CommandReference() {
    }

    /** A Markdown table: each command's usage, what it does and an example. */
    public static String markdown(Grammar grammar) {
        StringBuilder table = new StringBuilder("| command | what it does | example |\n|---|---|---|\n");
        for (CommandSpec spec : grammar.commands()) {
            table.append("| `").append(cell(spec.usage())).append("` | ").append(cell(spec.summary())).append(" | `")
                    .append(cell(spec.example())).append("` |\n");
        }
        return table.toString();
    }

    /** A pipe would end the cell, even inside code. */
    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
