package io.sitrep.bot.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sitrep.incident.Caller;
import io.sitrep.incident.ConcurrentChangeException;
import io.sitrep.incident.IllegalTransitionException;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentNotFoundException;
import io.sitrep.incident.store.StoreUnavailableException;
import io.sitrep.integrations.chat.ChatCommand;
import io.sitrep.integrations.chat.ChatCommandHandler;
import io.sitrep.integrations.chat.ChatMessage;
import io.sitrep.integrations.chat.CommandFailure;
import io.sitrep.integrations.chat.CommandOutcome;
import io.sitrep.integrations.chat.Outbox;

/**
 * Every chat platform's commands come through here: parse the line, find the command, run it,
 * and turn whatever went wrong into a one-line answer. Rejected commands change nothing, since
 * every command validates before it writes and writes in one atomic step.
 */
public final class CommandDispatcher implements ChatCommandHandler {

    private static final Logger log = LoggerFactory.getLogger(CommandDispatcher.class);
    /** Slack's and Discord's own message limits sit near this; a longer line is a mistake or an attack. */
    static final int MAX_COMMAND_CHARACTERS = 4_000;

    private final Map<String, IncidentCommand> commands;
    private final CommandContext context;
    private final CommandObserver observer;
    private final Outbox outbox;

    /** Told of every command's name and outcome (for metrics); never changes what happens. */
    @FunctionalInterface
    public interface CommandObserver {
        CommandObserver NONE = (command, outcome) -> { };

        /** @param outcome {@code ok}, or the failure in lower case ({@code bad_command}, {@code conflict} …) */
        void ran(String command, String outcome);
    }

    /** With no chat platform to deliver to: what others are told is only in each command's outcome. */
    public CommandDispatcher(CommandContext context) {
        this(context, CommandObserver.NONE, delivery -> { });
    }

    /** Without a delivery queue: what others are told is handed to {@code outbox} once each change is stored. */
    public CommandDispatcher(CommandContext context, Outbox outbox) {
        this(context, CommandObserver.NONE, outbox);
    }

    /** @param outbox takes what others are told of each change, with the change */
    public CommandDispatcher(CommandContext context, CommandObserver observer, Outbox outbox) {
        this.context = context;
        this.observer = observer;
        this.outbox = outbox;
        List<IncidentCommand> all = new ArrayList<>();
        all.add(new DeclareCommand());
        all.addAll(StatusChangeCommand.all());
        all.add(new UpdateCommand());
        all.add(new SeverityCommand());
        all.add(new AssignCommand());
        all.add(new NoteCommand());
        all.add(new StatusCommand());
        all.add(new ListCommand());
        all.add(new TimelineCommand());
        all.add(new PostmortemStartCommand());
        all.add(new PostmortemSetCommand());
        all.add(new PostmortemActionCommand());
        all.add(new RemindSnoozeCommand());
        all.add(new ExportCommand());
        all.add(new HealthCommand());
        all.add(new RunbookCommand());
        all.add(new CloseCommand());
        all.add(new HelpCommand(Collections.unmodifiableList(all)));
        Map<String, IncidentCommand> byName = new LinkedHashMap<>();
        all.forEach(c -> byName.put(c.name(), c));
        this.commands = Collections.unmodifiableMap(byName);
    }

    @Override
    public CommandOutcome handle(ChatCommand command) {
        String[] name = {"unknown"};
        CommandOutcome outcome = run(command, name);
        try {
            observer.ran(name[0], outcome.ok() ? "ok"
                    : outcome.failure().orElse(CommandFailure.INTERNAL).name().toLowerCase(java.util.Locale.ROOT));
        } catch (RuntimeException e) {
            log.warn("Could not count a {} command: {}", name[0], e.getMessage());
        }
        return outcome;
    }

    private CommandOutcome run(ChatCommand command, String[] name) {
        String incident = null;
        if (command.text().length() > MAX_COMMAND_CHARACTERS) {
            return CommandOutcome.failure(CommandFailure.TOO_LARGE, String.format(java.util.Locale.ROOT,
                    "The command is %,d characters long; the limit is %,d. Put long text in several notes.",
                    command.text().length(), MAX_COMMAND_CHARACTERS), null);
        }
        try {
            CommandLine line = CommandLine.parse(command.text());
            incident = line.incident().map(IncidentId::toString).orElse(null);
            Map.Entry<IncidentCommand, CommandLine> found = find(line);
            IncidentCommand target = found.getKey();
            name[0] = target.name();
            checkFlags(target, found.getValue());
            Invocation invocation = new Invocation(target, found.getValue(), command, context, outbox);
            Caller caller = invocation.caller();
            Reply reply = target.run(invocation);
            // The caller's answer, then what the changes told others (queued already, shown here for the console and the API).
            List<ChatMessage> messages = java.util.stream.Stream.concat(reply.posts().stream(), invocation.told().stream())
                    .map(post -> new ChatMessage(post.channel() == null ? command.channel()
                            : command.channel().sibling(post.channel()), post.text(), post.actions()))
                    .toList();
            if (reply.incident() != null) {
                log.info("{} {} by {} via {}", reply.incident(), target.name(), caller.name(), caller.source());
            }
            return CommandOutcome.success(reply.incident() == null ? null : reply.incident().toString(), messages,
                    reply.invite() == null ? null : command.channel().sibling(reply.invite()), reply.file());
        } catch (CommandException e) {
            return CommandOutcome.failure(CommandFailure.BAD_COMMAND, e.getMessage(), incident);
        } catch (IncidentNotFoundException e) {
            return CommandOutcome.failure(CommandFailure.NOT_FOUND, e.getMessage(), null);
        } catch (IllegalTransitionException | ConcurrentChangeException e) {
            return CommandOutcome.failure(CommandFailure.CONFLICT, e.getMessage(), incident);
        } catch (StoreUnavailableException e) {
            log.warn("Store unavailable for a {} command: {}", command.channel().platform(), e.getMessage());
            return CommandOutcome.failure(CommandFailure.UNAVAILABLE,
                    "The incident store is unavailable right now; nothing was changed. Try again shortly.", incident);
        } catch (RuntimeException e) {
            log.error("Command failed unexpectedly (platform {}, channel {}, user {})", command.channel().platform(),
                    command.channel().id(), command.actor().name(), e);
            return CommandOutcome.failure(CommandFailure.INTERNAL,
                    "Sorry, something went wrong inside Sitrep; it has been logged.", incident);
        }
    }

    /** Finds the command, taking a verb from the arguments for groups like {@code postmortem set}. */
    private Map.Entry<IncidentCommand, CommandLine> find(CommandLine line) {
        IncidentCommand direct = commands.get(line.word());
        if (direct != null) {
            return Map.entry(direct, line);
        }
        List<String> verbs = commands.keySet().stream()
                .filter(name -> name.startsWith(line.word() + " "))
                .map(name -> name.substring(line.word().length() + 1))
                .toList();
        if (verbs.isEmpty()) {
            throw new CommandException("Unknown command '" + line.word() + "'. " + commandList(commands.values()));
        }
        Optional<String> verb = line.args().stream().findFirst().map(v -> v.toLowerCase(java.util.Locale.ROOT));
        if (verb.isEmpty() || !verbs.contains(verb.get())) {
            throw new CommandException(line.word() + " needs one of: " + String.join(", ", verbs)
                    + ". Example: /incident " + line.word() + " " + verbs.get(0) + " …");
        }
        IncidentCommand grouped = commands.get(line.word() + " " + verb.get());
        return Map.entry(grouped, new CommandLine(grouped.name(), line.incident(), line.argsFrom(1), line.flags()));
    }

    private static void checkFlags(IncidentCommand command, CommandLine line) {
        List<String> unknown = line.flags().keySet().stream().filter(f -> !command.flags().contains(f)).sorted().toList();
        if (!unknown.isEmpty()) {
            String accepted = command.flags().isEmpty() ? "it takes no flags"
                    : "it takes " + new TreeSet<>(command.flags()).stream().map(f -> "--" + f).collect(Collectors.joining(", "));
            throw new CommandException(command.name() + " doesn't take --" + String.join(", --", unknown) + "; "
                    + accepted + ". Usage: /incident " + command.usage());
        }
    }

    static String commandList(java.util.Collection<IncidentCommand> commands) {
        return "Commands: " + commands.stream().map(c -> c.name().split(" ")[0]).distinct()
                .collect(Collectors.joining(", ")) + ". Try /incident help.";
    }
}
