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
import io.sitrep.incident.command.CommandSpec;
import io.sitrep.incident.command.CommandSpecs;
import io.sitrep.incident.command.Parameter;
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
        NODES,
        /** {@code --private} when true, nothing when false. */
        SWITCH
    }

    record Option(String name, OptionType type, Kind kind, boolean required, String description, String flag,
                  Map<String, String> choices, Long min, Long max) {

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

    /** Every command of the spec, as a subcommand (a verb of a group as a subcommand of its group). */
    static final List<Verb> VERBS = fitted(CommandSpecs.ALL.stream().map(IncidentSlashCommand::verb).toList());

    /** Discord takes at most 25 subcommands and groups under one command. */
    static final int MOST_ENTRIES = 25;
    /** Where the last groups go when the grammar has more than Discord takes: {@code /incident more followup-list}. */
    static final String MORE = "more";

    /**
     * The verbs as Discord can register them: while there are more than {@link #MOST_ENTRIES}
     * subcommands and groups, the grammar's last groups move into one group, {@code more}, each verb there
     * named {@code <group>-<verb>}. Only where Discord shows it changes; the line it stands for
     * (its head and literal) stays the grammar's.
     */
    static List<Verb> fitted(List<Verb> verbs) {
        // In the grammar's order of groups: the newest go first.
        List<String> order = CommandSpecs.GROUPS.stream().map(CommandSpecs.Group::name).toList();
        List<String> groups = verbs.stream().map(Verb::group).filter(java.util.Objects::nonNull).distinct()
                .sorted(java.util.Comparator.comparingInt(g -> order.indexOf(g) < 0 ? Integer.MAX_VALUE : order.indexOf(g)))
                .toList();
        long entries = verbs.stream().filter(v -> v.group() == null).count() + groups.size();
        int moved = 0;
        while (entries - moved + (moved > 0 ? 1 : 0) > MOST_ENTRIES && moved < groups.size()) {
            moved++;
        }
        java.util.Set<String> overflow = java.util.Set.copyOf(groups.subList(groups.size() - moved, groups.size()));
        return verbs.stream().map(v -> v.group() != null && overflow.contains(v.group())
                ? new Verb(MORE, v.group() + "-" + v.name(), v.description(), v.head(), v.literal(), v.aboutIncident(),
                        v.options())
                : v).toList();
    }

    private IncidentSlashCommand() {
    }

    /** The command as registered in the guild. */
    static SlashCommandData definition() {
        return definition(VERBS);
    }

    /** The command made from other verbs (a grammar with a flag more, in a test). */
    static SlashCommandData definition(List<Verb> verbs) {
        SlashCommandData command = Commands.slash(NAME, "Run an incident: declare, update, resolve …")
                .setContexts(InteractionContextType.GUILD);
        Map<String, SubcommandGroupData> groups = new LinkedHashMap<>();
        for (Verb verb : fitted(verbs)) {
            SubcommandData sub = new SubcommandData(verb.name(), verb.description());
            for (Option option : verb.options()) {
                sub.addOptions(option.data());
            }
            if (verb.aboutIncident()) {
                sub.addOptions(new OptionData(OptionType.STRING, INCIDENT,
                        "e.g. INC-7", false));
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
        return commandLine(invocation, VERBS);
    }

    static String commandLine(SlashInvocation invocation, List<Verb> verbs) {
        Verb verb = find(fitted(verbs), invocation.group(), invocation.subcommand())
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
                // A picked member arrives as a mention (its id); a typed name gets its @.
                case USER -> words.add(CardAction.quoteArgument(value.startsWith("<@") ? value : "@" + value));
                case FLAG -> {
                    flags.add(option.flag());
                    flags.add(CardAction.quoteArgument(value));
                }
                case SWITCH -> {
                    if (Boolean.parseBoolean(value)) {
                        flags.add(option.flag());
                    }
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
        return find(VERBS, group, subcommand);
    }

    private static Optional<Verb> find(List<Verb> verbs, String group, String subcommand) {
        return verbs.stream()
                .filter(v -> java.util.Objects.equals(v.group(), group) && v.name().equals(subcommand))
                .findFirst();
    }

    /** A command of the spec as Discord shows it: its arguments, then its flags, as typed options. */
    static Verb verb(CommandSpec spec) {
        List<Option> options = new ArrayList<>();
        for (Parameter argument : spec.arguments()) {
            options.add(option(argument, argument.kind() == Parameter.Kind.USER ? Kind.USER : Kind.ARGUMENT, null,
                    argument.required()));
        }
        for (Parameter flag : spec.flags()) {
            Kind kind = flag.kind() == Parameter.Kind.SWITCH ? Kind.SWITCH : flag.repeatable() ? Kind.NODES : Kind.FLAG;
            options.add(option(flag, kind, "--" + flag.name(), false));
        }
        String group = spec.group().orElse(null);
        return new Verb(group, spec.verb(), brief(spec.summary(), VERB_DESCRIPTION), group == null ? spec.name() : group,
                group == null ? null : spec.verb(), spec.aboutIncident(), options);
    }

    private static Option option(Parameter parameter, Kind kind, String flag, boolean required) {
        OptionType type = switch (parameter.kind()) {
            case USER -> OptionType.USER;
            case INTEGER -> OptionType.INTEGER;
            case SWITCH -> OptionType.BOOLEAN;
            default -> OptionType.STRING;
        };
        Map<String, String> choices = new LinkedHashMap<>();
        parameter.choices().forEach(c -> choices.put(c.label(), c.value()));
        String description = brief(parameter.description(), OPTION_DESCRIPTION)
                + (parameter.repeatable() ? " (comma-separated)" : "");
        return new Option(parameter.label().replace(' ', '-'), type, kind, required, description, flag, choices,
                parameter.kind() == Parameter.Kind.INTEGER ? parameter.min() : null,
                parameter.kind() == Parameter.Kind.INTEGER ? parameter.max() : null);
    }

    /**
     * Discord allows 4,000 characters for the names and descriptions of a command and all its
     * subcommands and options together, and every command Sitrep gains spends some: each
     * description is its first clause, cut at a word to fit these. The full text stays with
     * {@code /incident help}.
     */
    private static final int VERB_DESCRIPTION = 50;
    private static final int OPTION_DESCRIPTION = 32;

    static String brief(String text, int limit) {
        String clause = text.split(";| — | \\(", 2)[0].strip();
        if (clause.length() > limit) {
            int cut = clause.lastIndexOf(' ', limit - 1);
            clause = clause.substring(0, cut > 0 ? cut : limit - 1).replaceAll("[,:.]$", "") + "…";
        }
        return sentence(clause);
    }

    /** Discord shows descriptions as they are: start them with a capital. */
    private static String sentence(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String groupDescription(String group) {
        if (MORE.equals(group)) {
            return "More commands";
        }
        return CommandSpecs.group(group).map(g -> sentence(g.description())).orElse(group);
    }
}
