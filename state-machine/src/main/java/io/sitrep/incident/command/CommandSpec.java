package io.sitrep.incident.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.sitrep.incident.IncidentEvent;

/**
 * One {@code /incident} command, declared once: everything that shows or checks it — the
 * parser's checks and errors, {@code help}, Discord's registered subcommand, the table in
 * docs/commands.md — is made from this.
 *
 * @param name          what is typed first: {@code declare}, or {@code postmortem set} for a verb of a group
 * @param summary       one line for help
 * @param example       a complete, valid command line (without {@code /incident})
 * @param arguments     positional, in order; a {@link Parameter.Kind#TEXT} last one takes every remaining word
 * @param flags         the {@code --flags} it takes; any other is refused
 * @param aboutIncident whether it acts on one incident (named after the first word, or the channel's)
 * @param event         the lifecycle event it fires, if any: its legal states are the lifecycle's
 * @param permission    who may run it
 */
public record CommandSpec(String name, String summary, String example, List<Parameter> arguments,
                          List<Parameter> flags, boolean aboutIncident, Optional<IncidentEvent> event,
                          Permission permission) {

    public CommandSpec {
        arguments = List.copyOf(arguments);
        flags = List.copyOf(flags);
    }

    /** The full usage line: {@code resolved <resolution> [--force <reason>]}. */
    public String usage() {
        List<String> parts = new ArrayList<>();
        parts.add(name);
        arguments.forEach(argument -> parts.add(argument.placeholder(true)));
        for (Parameter flag : flags) {
            parts.add(flag.kind() == Parameter.Kind.SWITCH ? "[--" + flag.name() + "]"
                    : "[--" + flag.name() + " <" + flag.value(true) + ">]" + (flag.repeatable() ? "..." : ""));
        }
        return String.join(" ", parts);
    }

    /** The name and arguments, choices named, for lists of what may be done next: {@code assign <role> <@user>}. */
    public String shortUsage() {
        List<String> parts = new ArrayList<>();
        parts.add(name);
        arguments.forEach(argument -> parts.add(argument.placeholder(false)));
        return String.join(" ", parts);
    }

    /** The group's word, for a verb of a group ({@code postmortem} of {@code postmortem set}). */
    public Optional<String> group() {
        int space = name.indexOf(' ');
        return space < 0 ? Optional.empty() : Optional.of(name.substring(0, space));
    }

    /** The verb within its group ({@code set}), or the whole name. */
    public String verb() {
        int space = name.indexOf(' ');
        return space < 0 ? name : name.substring(space + 1);
    }

    /** How many arguments must be given. */
    public long requiredArguments() {
        return arguments.stream().filter(Parameter::required).count();
    }

    /** The same command with one flag more. */
    public CommandSpec withFlag(Parameter flag) {
        List<Parameter> more = new ArrayList<>(flags);
        more.add(flag);
        return new CommandSpec(name, summary, example, arguments, more, aboutIncident, event, permission);
    }

    public Optional<Parameter> flag(String flagName) {
        return flags.stream().filter(f -> f.name().equals(flagName)).findFirst();
    }
}
