package io.sitrep.bot.command;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Locale;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sitrep.incident.Caller;
import io.sitrep.incident.ConcurrentChangeException;
import io.sitrep.incident.IllegalTransitionException;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentNotFoundException;
import io.sitrep.incident.People;
import io.sitrep.config.PermissionSettings;
import io.sitrep.incident.Platform;
import io.sitrep.incident.command.CommandLine;
import io.sitrep.incident.command.CommandSpec;
import io.sitrep.incident.command.CommandSpecs;
import io.sitrep.incident.command.Grammar;
import io.sitrep.incident.command.GrammarException;
import io.sitrep.incident.command.Parameter;
import io.sitrep.incident.store.StoreAvailability;
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
    private final Grammar grammar;
    private final Permissions permissions;
    private final StoreAvailability store;
    private static final java.util.Set<Platform> MENTIONS_RENDER = java.util.Set.of(Platform.SLACK, Platform.DISCORD);

    /** Told of every command's name and outcome (for metrics); never changes what happens. */
    @FunctionalInterface
    public interface CommandObserver {
        CommandObserver NONE = (command, outcome) -> { };

        /** @param outcome {@code ok}, or the failure in lower case ({@code bad_command}, {@code conflict} …) */
        void ran(String command, String outcome);
    }

    /** With no chat platform to deliver to: what others are told is only in each command's outcome. */
    public CommandDispatcher(CommandContext context, Collection<CommandSet> features) {
        this(context, features, CommandObserver.NONE, delivery -> { });
    }

    /** Without a delivery queue: what others are told is handed to {@code outbox} once each change is stored. */
    public CommandDispatcher(CommandContext context, Collection<CommandSet> features, Outbox outbox) {
        this(context, features, CommandObserver.NONE, outbox);
    }

    /** @param outbox takes what others are told of each change, with the change */
    public CommandDispatcher(CommandContext context, Collection<CommandSet> features, CommandObserver observer,
                             Outbox outbox) {
        this(context, features, observer, outbox, PermissionSettings.none());
    }

    /** @param permissions who besides an incident's role holders may do everything */
    public CommandDispatcher(CommandContext context, Collection<CommandSet> features, CommandObserver observer,
                             Outbox outbox, PermissionSettings permissions) {
        this(context, features, observer, outbox, permissions, StoreAvailability.UNWATCHED);
    }

    /** @param store whether the store is known to be away: commands are then refused at once */
    public CommandDispatcher(CommandContext context, Collection<CommandSet> features, CommandObserver observer,
                             Outbox outbox, PermissionSettings permissions, StoreAvailability store) {
        this(context, features, observer, outbox, CommandSpecs.GRAMMAR, permissions, store);
    }

    /** With another grammar than Sitrep's: its commands must be Sitrep's, their arguments and flags may differ. */
    CommandDispatcher(CommandContext context, Collection<CommandSet> features, CommandObserver observer,
                      Outbox outbox, Grammar grammar, PermissionSettings permissions) {
        this(context, features, observer, outbox, grammar, permissions, StoreAvailability.UNWATCHED);
    }

    private CommandDispatcher(CommandContext context, Collection<CommandSet> features, CommandObserver observer,
                              Outbox outbox, Grammar grammar, PermissionSettings permissions,
                              StoreAvailability store) {
        this.context = context;
        this.store = store;
        this.permissions = new Permissions(permissions);
        this.observer = observer;
        this.outbox = outbox;
        this.grammar = grammar;
        this.commands = handlers(grammar, features);
    }

    /**
     * What each command of the spec does; every spec has exactly one (checked here and by a test).
     * The commands live with their features (a postmortem's commands with its export, a
     * runbook's with its checks) and come here as each feature's set; help is the dispatcher's own.
     */
    static Map<String, IncidentCommand> handlers(Grammar grammar, Collection<CommandSet> features) {
        Map<String, IncidentCommand> handlers = new LinkedHashMap<>();
        for (CommandSet feature : features) {
            feature.byName().forEach((name, command) -> {
                if (handlers.putIfAbsent(name, command) != null) {
                    throw new IllegalStateException("two commands for the spec " + name);
                }
            });
        }
        handlers.put("help", new HelpCommand(grammar));
        List<String> specified = grammar.commands().stream().map(CommandSpec::name).toList();
        if (!new java.util.HashSet<>(specified).equals(handlers.keySet())) {
            throw new IllegalStateException("commands and their specs differ: specs " + specified + ", handlers "
                    + handlers.keySet());
        }
        return Collections.unmodifiableMap(handlers);
    }

    @Override
    public CommandOutcome handle(ChatCommand command) {
        learnName(command);
        Ran ran = run(command);
        CommandOutcome outcome = forPlatform(command, ran.outcome());
        try {
            observer.ran(ran.command(), outcome.ok() ? "ok"
                    : outcome.failure().orElse(CommandFailure.INTERNAL).name().toLowerCase(java.util.Locale.ROOT));
        } catch (RuntimeException e) {
            log.warn("Could not count a {} command: {}", ran.command(), e.getMessage());
        }
        return outcome;
    }

    /** A command's outcome, with its name as the grammar knows it ({@code unknown} until it was found). */
    private record Ran(String command, CommandOutcome outcome) {
        static final String UNKNOWN = "unknown";
    }

    /** Who typed it, by id, is remembered by name, for where mentions do not render. */
    private void learnName(ChatCommand command) {
        if (command.actor().id() != null && !store.knownAway()) {
            try {
                context.people().remember(command.actor().id(), command.actor().name());
            } catch (RuntimeException e) {
                log.debug("Could not remember the name of {}: {}", command.actor().id(), e.getMessage());
            }
        }
    }

    /** Slack and Discord show a kept mention as the person; elsewhere (console, API) it reads @name. */
    private CommandOutcome forPlatform(ChatCommand command, CommandOutcome outcome) {
        if (MENTIONS_RENDER.contains(Platform.named(command.channel().platform()))) {
            return outcome;
        }
        People people = context.people();
        return new CommandOutcome(outcome.ok(), outcome.incident(), outcome.replies().stream()
                .map(m -> new ChatMessage(m.channel(), people.named(m.text()), m.actions())).toList(),
                outcome.error().map(people::named), outcome.failure(), outcome.invite(), outcome.file());
    }

    private Ran run(ChatCommand command) {
        String name = Ran.UNKNOWN;
        String incident = null;
        if (command.text().length() > MAX_COMMAND_CHARACTERS) {
            return new Ran(name, CommandOutcome.failure(CommandFailure.TOO_LARGE, String.format(java.util.Locale.ROOT,
                    "The command is %,d characters long; the limit is %,d. Put long text in several notes.",
                    command.text().length(), MAX_COMMAND_CHARACTERS), null));
        }
        try {
            CommandLine line = CommandLine.parse(command.text());
            incident = line.incident().map(IncidentId::toString).orElse(null);
            Map.Entry<CommandSpec, CommandLine> found = find(line);
            CommandSpec target = found.getKey();
            name = target.name();
            checkFlags(target, found.getValue());
            checkArguments(target, found.getValue());
            // Refused at once rather than left waiting on a store known not to answer; help needs none.
            if (store.knownAway() && !(commands.get(target.name()) instanceof HelpCommand)) {
                return new Ran(name, CommandOutcome.failure(CommandFailure.UNAVAILABLE, StoreUnavailableException.TRY_AGAIN,
                        incident));
            }
            Invocation invocation = new Invocation(target, found.getValue(), command, context, outbox, permissions);
            Caller caller = invocation.caller();
            // Who may run it is checked where the incident is read anyway: by its writes, on the
            // incident each attempt read, and by the commands that read before they write.
            Reply reply = commands.get(target.name()).run(invocation);
            // The caller's answer, then what the changes told others (queued already, shown here for the console and the API).
            List<ChatMessage> messages = java.util.stream.Stream.concat(reply.posts().stream(), reply.told().stream())
                    .map(post -> new ChatMessage(post.channel() == null ? command.channel()
                            : command.channel().sibling(post.channel()), post.text(), post.actions()))
                    .toList();
            if (reply.incident() != null) {
                log.info("{} {} by {} via {}", reply.incident(), target.name(), caller.name(), caller.source());
            }
            return new Ran(name, CommandOutcome.success(reply.incident() == null ? null : reply.incident().toString(),
                    messages, reply.invite() == null ? null : command.channel().sibling(reply.invite()), reply.file()));
        } catch (CommandRefusedException e) {
            log.warn("Refused: {} on {} for {} (id {}) via {}", name, incident, command.actor().name(),
                    command.actor().id(), command.channel().platform());
            return new Ran(name, CommandOutcome.failure(CommandFailure.FORBIDDEN, e.getMessage(), incident));
        } catch (CommandException | GrammarException e) {
            return new Ran(name, CommandOutcome.failure(CommandFailure.BAD_COMMAND, e.getMessage(), incident));
        } catch (IncidentNotFoundException e) {
            return new Ran(name, CommandOutcome.failure(CommandFailure.NOT_FOUND, e.getMessage(), null));
        } catch (IllegalTransitionException e) {
            return new Ran(name, CommandOutcome.failure(CommandFailure.CONFLICT,
                    e.getMessage() + CommandSpecs.legalNow(e.legal()), incident));
        } catch (ConcurrentChangeException e) {
            return new Ran(name, CommandOutcome.failure(CommandFailure.CONFLICT, e.getMessage(), incident));
        } catch (StoreUnavailableException e) {
            log.warn("Store unavailable for a {} command: {}", command.channel().platform(), e.getMessage());
            return new Ran(name, CommandOutcome.failure(CommandFailure.UNAVAILABLE, StoreUnavailableException.TRY_AGAIN,
                    incident));
        } catch (RuntimeException e) {
            log.error("Command failed unexpectedly (platform {}, channel {}, user {})", command.channel().platform(),
                    command.channel().id(), command.actor().name(), e);
            return new Ran(name, CommandOutcome.failure(CommandFailure.INTERNAL,
                    "Sorry, something went wrong inside Sitrep; it has been logged.", incident));
        }
    }

    /**
     * Finds the command, taking a verb from the arguments for groups like {@code postmortem set};
     * a group's default verb stands when none is given ({@code runbook}), and its shorthand verb
     * when the next word is no verb of it ({@code runbook db-failover}).
     */
    private Map.Entry<CommandSpec, CommandLine> find(CommandLine line) {
        Optional<CommandSpec> direct = grammar.find(line.word());
        if (direct.isPresent()) {
            return Map.entry(direct.get(), line);
        }
        CommandSpecs.Group group = grammar.group(line.word()).orElseThrow(() -> new CommandException(
                "Unknown command '" + line.word() + "'." + didYouMean(line.word(), grammar.firstWords()) + " "
                        + commandList(grammar)));
        List<String> verbs = grammar.verbsOf(group.name()).stream().map(CommandSpec::verb).toList();
        Optional<String> verb = line.args().stream().findFirst().map(v -> v.toLowerCase(Locale.ROOT));
        if (verb.isPresent() && verbs.contains(verb.get())) {
            return Map.entry(spec(group.name() + " " + verb.get()),
                    new CommandLine(group.name() + " " + verb.get(), line.incident(), line.argsFrom(1), line.flags()));
        }
        Optional<String> implied = verb.isEmpty() ? group.defaultVerb() : group.shorthandVerb();
        if (implied.isPresent()) {
            return Map.entry(spec(group.name() + " " + implied.get()),
                    new CommandLine(group.name() + " " + implied.get(), line.incident(), line.args(), line.flags()));
        }
        throw new CommandException(group.name() + " needs one of: " + String.join(", ", verbs) + "."
                + verb.map(v -> didYouMean(v, verbs)).orElse("") + " Example: /incident "
                + spec(group.name() + " " + verbs.get(0)).example());
    }

    private CommandSpec spec(String name) {
        return grammar.find(name).orElseThrow();
    }

    private static void checkFlags(CommandSpec command, CommandLine line) {
        List<String> known = command.flags().stream().map(Parameter::name).toList();
        List<String> unknown = line.flags().keySet().stream().filter(f -> !known.contains(f)).sorted().toList();
        if (!unknown.isEmpty()) {
            String accepted = known.isEmpty() ? "it takes no flags"
                    : "it takes " + known.stream().sorted().map(f -> "--" + f).collect(Collectors.joining(", "));
            String hint = unknown.size() == 1 ? CommandSpecs.nearest(unknown.get(0), known)
                    .map(f -> " Did you mean --" + f + "?").orElse("") : "";
            throw new CommandException(command.name() + " doesn't take --" + String.join(", --", unknown) + "; "
                    + accepted + "." + hint + " Usage: /incident " + command.usage());
        }
        for (Parameter flag : command.flags()) {
            List<String> values = line.flags().getOrDefault(flag.name(), List.of());
            if (values.size() > 1 && !flag.repeatable()) {
                throw new CommandException("--" + flag.name() + " was given " + values.size() + " times; give it once.");
            }
        }
    }

    /** Required arguments must be there; each command reads and checks their values itself. */
    private static void checkArguments(CommandSpec command, CommandLine line) {
        List<Parameter> arguments = command.arguments();
        for (int i = line.args().size(); i < arguments.size(); i++) {
            if (arguments.get(i).required()) {
                throw new CommandException(command.name() + " needs " + arguments.get(i).description()
                        + ". Usage: /incident " + command.usage());
            }
        }
    }

    /** " Did you mean `resolved`?" when one of {@code candidates} is near what was typed; else nothing. */
    static String didYouMean(String typed, List<String> candidates) {
        return CommandSpecs.nearest(typed, candidates).map(c -> " Did you mean `" + c + "`?").orElse("");
    }

    static String commandList(Grammar grammar) {
        return "Commands: " + String.join(", ", grammar.firstWords()) + ". Try /incident help.";
    }
}
