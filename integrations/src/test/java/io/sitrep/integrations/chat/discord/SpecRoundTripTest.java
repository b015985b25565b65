package io.sitrep.integrations.chat.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sitrep.incident.command.CommandLine;
import io.sitrep.incident.command.CommandSpec;
import io.sitrep.incident.command.CommandSpecs;
import io.sitrep.incident.command.Parameter;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

/**
 * Every command of the spec survives Discord: registered from the spec, filled in with the
 * spec's example, turned back into one line of the grammar, parsed — and equal to the example.
 */
class SpecRoundTripTest {

    @Test
    void everyCommandsExampleComesBackFromDiscordAsTheSameCommand() {
        SlashCommandData registered = IncidentSlashCommand.definition();
        for (CommandSpec spec : CommandSpecs.ALL) {
            SubcommandData sub = subcommand(registered, spec);
            SlashInvocation filled = fill(spec, sub);

            String line = IncidentSlashCommand.commandLine(filled);

            assertThat(CommandLine.parse(line)).as(spec.name() + ": " + line).isEqualTo(CommandLine.parse(spec.example()));
        }
    }

    @Test
    void aFlagAddedToTheSpecAloneIsRegisteredAndComesThrough() {
        CommandSpec note = CommandSpecs.find("note").orElseThrow();
        CommandSpec withLink = note.withFlag(Parameter.word("link", "a link to evidence").asFlag("link"));
        List<IncidentSlashCommand.Verb> verbs = CommandSpecs.GRAMMAR.with(withLink).commands().stream()
                .map(IncidentSlashCommand::verb).toList();

        SubcommandData sub = subcommand(IncidentSlashCommand.definition(verbs), withLink);
        assertThat(sub.getOptions()).extracting(OptionData::getName).contains("link");
        SlashInvocation filled = fill(withLink, sub);
        Map<String, String> options = new LinkedHashMap<>(filled.options());
        options.put("link", "https://grafana.example/d/abc");
        String line = IncidentSlashCommand.commandLine(new SlashInvocation(filled.group(), filled.subcommand(), options),
                verbs);

        assertThat(CommandLine.parse(line).flags()).containsEntry("link", List.of("https://grafana.example/d/abc"));
    }

    /** The options a person would fill in to type the spec's example. */
    private static SlashInvocation fill(CommandSpec spec, SubcommandData sub) {
        CommandLine example = CommandLine.parse(spec.example());
        List<String> args = spec.group().isPresent() ? example.argsFrom(1) : example.args();
        Map<String, String> options = new LinkedHashMap<>();
        List<Parameter> arguments = spec.arguments();
        for (int i = 0; i < arguments.size() && i < args.size(); i++) {
            Parameter argument = arguments.get(i);
            boolean last = i == arguments.size() - 1;
            String value = last && argument.kind() == Parameter.Kind.TEXT ? String.join(" ", args.subList(i, args.size()))
                    : args.get(i);
            options.put(optionName(argument), argument.kind() == Parameter.Kind.USER ? value.substring(1) : value);
        }
        example.flags().forEach((flag, values) -> options.put(optionName(spec.flag(flag).orElseThrow()),
                String.join(", ", values)));
        example.incident().ifPresent(id -> options.put(IncidentSlashCommand.INCIDENT, id.toString()));
        assertThat(sub.getOptions()).extracting(OptionData::getName).as(spec.name())
                .containsAll(options.keySet());
        IncidentSlashCommand.Verb placed = placed(spec);
        return new SlashInvocation(placed.group(), placed.name(), options);
    }

    private static String optionName(Parameter parameter) {
        return parameter.label().replace(' ', '-');
    }

    private static SubcommandData subcommand(SlashCommandData registered, CommandSpec spec) {
        IncidentSlashCommand.Verb placed = placed(spec);
        // A group's verb may share its name with a command of its own (maintenance cancel, cancel).
        List<SubcommandData> candidates = new ArrayList<>(placed.group() != null ? List.of() : registered.getSubcommands());
        registered.getSubcommandGroups().stream().filter(g -> g.getName().equals(placed.group()))
                .forEach(g -> candidates.addAll(g.getSubcommands()));
        return candidates.stream().filter(s -> s.getName().equals(placed.name())).findFirst()
                .orElseThrow(() -> new AssertionError(spec.name() + " is not registered"));
    }

    /** Where Discord shows the spec's command: its own group, or {@code more} when there were too many. */
    private static IncidentSlashCommand.Verb placed(CommandSpec spec) {
        String head = spec.group().orElse(spec.name());
        String literal = spec.group().isPresent() ? spec.verb() : null;
        return IncidentSlashCommand.VERBS.stream()
                .filter(v -> v.head().equals(head) && java.util.Objects.equals(v.literal(), literal)).findFirst()
                .orElseThrow(() -> new AssertionError(spec.name() + " has no verb"));
    }
}
