package io.sitrep.bot.command;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.sitrep.incident.Caller;
import io.sitrep.incident.IncidentId;

/**
 * One command being run: its parsed line, who typed it where, and typed access to its
 * arguments. Every accessor fails with a message that says what was expected.
 */
final class Invocation {

    private final IncidentCommand command;
    private final CommandLine line;
    private final Caller caller;
    private final String channel;
    private final CommandContext context;

    Invocation(IncidentCommand command, CommandLine line, Caller caller, String channel, CommandContext context) {
        this.command = command;
        this.line = line;
        this.caller = caller;
        this.channel = channel;
        this.context = context;
    }

    Caller caller() {
        return caller;
    }

    /** The channel the command was typed in. */
    String channel() {
        return channel;
    }

    CommandContext context() {
        return context;
    }

    /** The incident named after the first word, or else the one whose channel this is. */
    IncidentId incident() {
        return line.incident()
                .or(() -> context.store().findByChannel(channel))
                .orElseThrow(() -> new CommandException("Which incident? Name it after the first word, e.g. /incident "
                        + exampleWithId() + ", or run it in the incident's own channel."));
    }

    /** {@code resolved INC-7 …}, or {@code postmortem INC-7 set …} for verbs of a group. */
    private String exampleWithId() {
        String[] words = command.name().split(" ", 2);
        return words[0] + " INC-7" + (words.length > 1 ? " " + words[1] : "") + " …";
    }

    /** Whether an incident id was typed after the first word. */
    boolean namesIncident() {
        return line.incident().isPresent();
    }

    List<String> args() {
        return line.args();
    }

    /** All arguments joined as free text; {@code what} names it in the error when there is none. */
    String text(String what) {
        return requireText(String.join(" ", line.args()), what);
    }

    /** Arguments from position {@code n} on, joined as free text. */
    String textFrom(int n, String what) {
        return requireText(String.join(" ", line.argsFrom(n)), what);
    }

    String arg(int n, String what) {
        if (n >= line.args().size() || line.args().get(n).isBlank()) {
            throw missing(what);
        }
        return line.args().get(n);
    }

    Optional<String> flag(String name) {
        List<String> values = line.flags().get(name);
        if (values == null) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw new CommandException("--" + name + " was given " + values.size() + " times; give it once.");
        }
        return Optional.of(values.get(0));
    }

    /** A repeatable flag; each value may also be a comma-separated list. */
    List<String> flagValues(String name) {
        return line.flags().getOrDefault(name, List.of()).stream()
                .flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .toList();
    }

    /** A time flag that must not be in the future. */
    Optional<Instant> pastTimeFlag(String name) {
        return flag(name).map(value -> TimeArgument.parsePast(name, value, context.clock()));
    }

    Instant now() {
        return context.clock().instant();
    }

    private String requireText(String text, String what) {
        String stripped = text.strip();
        if (stripped.isEmpty()) {
            throw missing(what);
        }
        return stripped;
    }

    private CommandException missing(String what) {
        return new CommandException(command.name() + " needs " + what + ". Usage: /incident " + command.usage());
    }
}
