package io.sitrep.integrations.chat.discord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandGroupData;

import io.sitrep.incident.IncidentId;
import io.sitrep.integrations.chat.CardAction;

/**
 * {@code /incident} as a Discord command: each verb of the grammar is a subcommand with typed
 * options, so Discord's own UI lists the verbs, asks for what each needs and offers severities
 * and roles as choices; {@code runbook}, {@code remind} and {@code postmortem} are groups. What
 * the user filled in is turned back into one line of the grammar and goes to the same
 * dispatcher as Slack's and the console's text: Discord adds no parser and no rules of its own.
 * Values stay as typed (times, texts); the core validates them and words the errors.
 */
final class IncidentSlashCommand {

    static final String NAME = "incident";
    /** The option every verb about one incident has; in the incident's channel it may be left out. */
    static final String INCIDENT = "incident";

    /** How an option's value lands in the command line. */
    enum Kind {
        /** A positional argument, quoted so it stays one argument and is never read as a flag. */
        ARGUMENT,
        /** A person: {@code @name}. */
        USER,
        /** {@code --flag value}. */
        FLAG,
        /** {@code --node a --node b} from {@code a, b}. */
        NODES
    }

    record Option(String name, OptionType type, Kind kind, boolean required, String description, String flag,
                  Map<String, String> choices, Long min, Long max) {

        static Option text(String name, boolean required, String description) {
            return new Option(name, OptionType.STRING, Kind.ARGUMENT, required, description, null, Map.of(), null, null);
        }

        static Option number(String name, long min, long max, String description) {
            return new Option(name, OptionType.INTEGER, Kind.ARGUMENT, true, description, null, Map.of(), min, max);
        }

        static Option choice(String name, boolean required, String description, Map<String, String> choices) {
            return new Option(name, OptionType.STRING, Kind.ARGUMENT, required, description, null, choices, null, null);
        }

        static Option user(String name, boolean required, String description) {
            return new Option(name, OptionType.USER, Kind.USER, required, description, null, Map.of(), null, null);
        }

        static Option flag(String name, String flag, String description) {
            return new Option(name, OptionType.STRING, Kind.FLAG, false, description, flag, Map.of(), null, null);
        }

        static Option flagChoice(String name, String flag, String description, Map<String, String> choices) {
            return new Option(name, OptionType.STRING, Kind.FLAG, false, description, flag, choices, null, null);
        }

        OptionData data() {
            OptionData data = new OptionData(type, name, description, required);
            choices.forEach(data::addChoice);
            if (min != null) {
                data.setRequiredRange(min, max);
            }
            return data;
        }
    }

    /**
     * One subcommand: the line starts with {@code head}, then the incident when given, then
     * {@code literal} ({@code step} in {@code runbook INC-7 step 3 done}), then the arguments in
     * order, then the flags.
     *
     * @param aboutIncident whether it takes the {@code incident} option
     */
    record Verb(String group, String name, String description, String head, String literal, boolean aboutIncident,
                List<Option> options) {
    }

    private static final Map<String, String> SEVERITIES = choices(
            "SEV1 (critical)", "1", "SEV2 (major)", "2", "SEV3 (minor)", "3", "SEV4 (low)", "4");
    private static final Map<String, String> ROLES = choices(
            "commander", "commander", "comms", "comms", "scribe", "scribe", "responder", "responder");
    private static final Map<String, String> STEP_OUTCOMES = choices("done", "done", "skip", "skip", "fail", "fail");
    private static final Map<String, String> POSTMORTEM_FIELDS = choices("summary", "summary", "impact", "impact",
            "root-cause", "root-cause", "resolution", "resolution", "category", "category");
    private static final Map<String, String> FORMATS = choices("Markdown", "md", "JSON", "json", "HTML", "html");
    /** The core's bound for {@code remind snooze}; Discord shows it, the core enforces it. */
    private static final long MAX_SNOOZE_MINUTES = 120;

    static final List<Verb> VERBS = List.of(
            verb("declare", "Declare an incident and open its channel", false,
                    Option.text("title", true, "What is wrong, in a few words"),
                    Option.flagChoice("severity", "--sev", "How bad it is (default SEV3)", SEVERITIES),
                    Option.flag("service", "--service", "The affected service"),
                    Option.flag("region", "--region", "The affected region"),
                    new Option("nodes", OptionType.STRING, Kind.NODES, false, "Affected nodes, comma-separated",
                            null, Map.of(), null, null),
                    Option.flag("detected-at", "--detected-at", "When it was noticed: HH:MM (UTC) or 2026-02-26T08:19Z"),
                    Option.flag("started-at", "--started-at", "When it began: HH:MM (UTC) or 2026-02-26T08:19Z")),
            verb("accept", "Take a triaged incident on", true),
            verb("cancel", "Cancel a false alarm or duplicate", true, Option.text("reason", true, "Why")),
            verb("identified", "The cause is known", true, Option.text("root-cause", true, "The root cause")),
            verb("monitoring", "A fix is in; watching it", true, Option.text("what-was-done", true, "The fix")),
            verb("resolved", "Service is restored", true, Option.text("resolution", true, "How it was resolved"),
                    Option.flag("force", "--force", "Resolve although targets are not healthy: say why")),
            verb("reopen", "It is not over after all", true, Option.text("reason", true, "Why")),
            verb("update", "Post a stakeholder update (resets the update clock)", true,
                    Option.text("text", true, "The update, for stakeholders")),
            verb("sev", "Change the severity", true, Option.choice("severity", true, "The new severity", SEVERITIES)),
            verb("assign", "Give someone a role", true, Option.choice("role", true, "The role", ROLES),
                    Option.user("user", true, "Who")),
            verb("note", "Add to the timeline", true, Option.text("text", true, "What happened"),
                    Option.flag("at", "--at", "Backfill: HH:MM (UTC) or 2026-02-26T08:19Z")),
            verb("status", "State, severity, roles, clocks and next steps", true),
            verb("list", "Open incidents", false),
            verb("timeline", "The timeline so far", true),
            verb("health", "Cluster health for the incident's targets", true,
                    Option.text("target", false, "A service or node")),
            new Verb("runbook", "show", "Runbook progress, or runbooks that fit", "runbook", null, true, List.of()),
            new Verb("runbook", "start", "Start a runbook", "runbook", null, true,
                    List.of(Option.text("runbook", true, "The runbook's id"))),
            new Verb("runbook", "step", "Record a runbook step", "runbook", "step", true,
                    List.of(Option.number("step", 1, 100, "The step's number"),
                            Option.choice("outcome", true, "What became of it", STEP_OUTCOMES),
                            Option.text("note", false, "A note (a skipped check needs a reason)"),
                            Option.flag("runbook", "--runbook", "Which runbook, when several run"))),
            new Verb("remind", "snooze", "Delay the next update reminder once", "remind", "snooze", true,
                    List.of(Option.number("minutes", 1, MAX_SNOOZE_MINUTES, "For how long"))),
            new Verb("postmortem", "start", "Start the postmortem", "postmortem", "start", true,
                    List.of(Option.user("owner", false, "Who owns it (default: you)"))),
            new Verb("postmortem", "set", "Set a postmortem field", "postmortem", "set", true,
                    List.of(Option.choice("field", true, "The field", POSTMORTEM_FIELDS),
                            Option.text("text", true, "Its text"))),
            new Verb("postmortem", "action", "Add a follow-up action", "postmortem", "action", true,
                    List.of(Option.text("text", true, "The action"))),
            verb("close", "Publish the postmortem", true),
            verb("export", "The postmortem document", true, Option.choice("format", true, "The format", FORMATS)),
            verb("help", "Every command, or one command's usage", false,
                    Option.text("command", false, "A command")));

    private IncidentSlashCommand() {
    }

    /** The command as registered in the guild. */
    static SlashCommandData definition() {
        SlashCommandData command = Commands.slash(NAME, "Run an incident: declare, update, resolve …")
                .setContexts(InteractionContextType.GUILD);
        Map<String, SubcommandGroupData> groups = new LinkedHashMap<>();
        for (Verb verb : VERBS) {
            SubcommandData sub = new SubcommandData(verb.name(), verb.description());
            for (Option option : verb.options()) {
                sub.addOptions(option.data());
            }
            if (verb.aboutIncident()) {
                sub.addOptions(new OptionData(OptionType.STRING, INCIDENT,
                        "Which incident (INC-7); implied in its own channel", false));
            }
            if (verb.group() == null) {
                command.addSubcommands(sub);
            } else {
                groups.computeIfAbsent(verb.group(), g -> new SubcommandGroupData(g, groupDescription(g)))
                        .addSubcommands(sub);
            }
        }
        command.addSubcommandGroups(groups.values());
        return command;
    }

    /**
     * The line of the grammar this use of the command stands for.
     *
     * @throws IllegalArgumentException with a message for the user, when the command is not one
     *                                  Sitrep registered (a stale registration) or the incident is not an id
     */
    static String commandLine(SlashInvocation invocation) {
        Verb verb = find(invocation.group(), invocation.subcommand())
                .orElseThrow(() -> new IllegalArgumentException("Sitrep has no /incident " + invocation.path()
                        + "; the command list may be out of date. Try /incident help."));
        List<String> words = new ArrayList<>();
        words.add(verb.head());
        String incident = invocation.options().get(INCIDENT);
        if (verb.aboutIncident() && incident != null && !incident.isBlank()) {
            words.add(IncidentId.tryParse(incident.strip()).map(IncidentId::toString)
                    .orElseThrow(() -> new IllegalArgumentException("'" + incident.strip()
                            + "' is not an incident; give its id, like INC-7.")));
        }
        if (verb.literal() != null) {
            words.add(verb.literal());
        }
        List<String> flags = new ArrayList<>();
        for (Option option : verb.options()) {
            String value = invocation.options().get(option.name());
            if (value == null || value.isBlank()) {
                continue;
            }
            switch (option.kind()) {
                case ARGUMENT -> words.add(CardAction.quoteArgument(value));
                case USER -> words.add(CardAction.quoteArgument("@" + value));
                case FLAG -> {
                    flags.add(option.flag());
                    flags.add(CardAction.quoteArgument(value));
                }
                case NODES -> {
                    for (String node : value.split("[,\\s]+")) {
                        if (!node.isBlank()) {
                            flags.add("--node");
                            flags.add(CardAction.quoteArgument(node));
                        }
                    }
                }
            }
        }
        words.addAll(flags);
        return String.join(" ", words);
    }

    static Optional<Verb> find(String group, String subcommand) {
        return VERBS.stream()
                .filter(v -> java.util.Objects.equals(v.group(), group) && v.name().equals(subcommand))
                .findFirst();
    }

    private static Verb verb(String name, String description, boolean aboutIncident, Option... options) {
        return new Verb(null, name, description, name, null, aboutIncident, List.of(options));
    }

    private static String groupDescription(String group) {
        return switch (group) {
            case "runbook" -> "Runbooks: progress, start one, record steps";
            case "remind" -> "The stakeholder-update reminder";
            case "postmortem" -> "The postmortem: start, set fields, add actions";
            default -> group;
        };
    }

    /** Label, value, label, value … in the order Discord shows them. */
    private static Map<String, String> choices(String... labelsAndValues) {
        Map<String, String> choices = new LinkedHashMap<>();
        for (int i = 0; i < labelsAndValues.length; i += 2) {
            choices.put(labelsAndValues[i], labelsAndValues[i + 1]);
        }
        return choices;
    }
}
