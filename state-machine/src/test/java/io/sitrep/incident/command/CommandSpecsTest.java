package io.sitrep.incident.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.sitrep.incident.IncidentEvent;

/** The one command spec: every example is a line of its own command, and every lifecycle event has its command. */
class CommandSpecsTest {

    @Test
    void everyExampleParsesAsItsOwnCommandNamingAnIncidentWhenTheCommandIsAboutOne() {
        for (CommandSpec spec : CommandSpecs.ALL) {
            CommandLine line = CommandLine.parse(spec.example());
            assertThat(line.word()).as(spec.name()).isEqualTo(spec.group().orElse(spec.name()));
            spec.group().ifPresent(group -> assertThat(line.args()).as(spec.name()).startsWith(spec.verb()));
            assertThat(line.incident().isPresent()).as(spec.name() + " names an incident").isEqualTo(spec.aboutIncident());
            List<String> arguments = spec.group().isPresent() ? line.argsFrom(1) : line.args();
            assertThat(arguments.size()).as(spec.name() + " gives its required arguments")
                    .isGreaterThanOrEqualTo((int) spec.requiredArguments());
            assertThat(line.flags().keySet()).as(spec.name() + " uses only its own flags")
                    .allMatch(flag -> spec.flag(flag).isPresent());
            for (int i = 0; i < Math.min(arguments.size(), spec.arguments().size()); i++) {
                Parameter argument = spec.arguments().get(i);
                assertThat(argument.allows(arguments.get(i))).as(spec.name() + " " + argument.name()).isTrue();
            }
        }
    }

    @Test
    void namesAreUniqueAndEveryLifecycleEventHasExactlyOneCommand() {
        assertThat(CommandSpecs.ALL).extracting(CommandSpec::name).doesNotHaveDuplicates();
        for (IncidentEvent event : IncidentEvent.values()) {
            assertThat(CommandSpecs.ALL.stream().filter(s -> s.event().filter(event::equals).isPresent()))
                    .as(event.name()).hasSize(1);
        }
        assertThat(Arrays.stream(IncidentEvent.values()).map(CommandSpecs::usage))
                .contains("resolved <resolution>", "assign <role> <@user>", "postmortem start [@owner]",
                        "postmortem set <field> <text>", "sev <1-4>");
    }

    @Test
    void usageLinesAreMadeFromTheParameters() {
        assertThat(CommandSpecs.find("resolved").orElseThrow().usage()).isEqualTo("resolved <resolution> [--force <reason>]");
        assertThat(CommandSpecs.find("declare").orElseThrow().usage()).isEqualTo("declare <title> [--sev <1-4>] "
                + "[--service <service>] [--region <region>] [--node <node>]... [--detected-at <time>] [--started-at <time>] "
                + "[--private]");
        assertThat(CommandSpecs.find("runbook step").orElseThrow().usage())
                .isEqualTo("runbook step <step> <done|skip|fail> [<note>] [--runbook <runbook>]");
        assertThat(CommandSpecs.find("remind snooze").orElseThrow().usage()).isEqualTo("remind snooze <minutes 1-120>");
    }

    @Test
    void aSwitchTakesNoValueSoTheWordAfterItStaysAnArgument() {
        CommandLine line = CommandLine.parse("declare --private \"Quiet matter\" --sev 2");

        assertThat(line.args()).containsExactly("Quiet matter");
        assertThat(line.flags()).containsEntry("private", List.of("true")).containsEntry("sev", List.of("2"));
        assertThat(CommandLine.parse("declare \"Quiet matter\" --private").flags()).containsKey("private");
    }

    @Test
    void aSlipIsMatchedToTheNearestWordAndNonsenseToNone() {
        List<String> words = CommandSpecs.GRAMMAR.firstWords();
        assertThat(CommandSpecs.nearest("resolv", words)).contains("resolved");
        assertThat(CommandSpecs.nearest("RESOVLED", words)).contains("resolved");
        assertThat(CommandSpecs.nearest("decalre", words)).contains("declare");
        assertThat(CommandSpecs.nearest("postmortme", words)).contains("postmortem");
        assertThat(CommandSpecs.nearest("sevv", List.of("sev", "service"))).contains("sev");
        assertThat(CommandSpecs.nearest("zebra", words)).isEmpty();
        assertThat(CommandSpecs.nearest("xylophone", words)).isEmpty();
    }

    @Test
    void aGrammarWithAFlagMoreHasItInItsUsage() {
        CommandSpec note = CommandSpecs.find("note").orElseThrow();
        CommandSpec withLink = note.withFlag(Parameter.word("link", "a link to evidence").asFlag("link"));

        Grammar grammar = CommandSpecs.GRAMMAR.with(withLink);

        assertThat(grammar.find("note").orElseThrow().usage()).isEqualTo("note <text> [--at <time>] [--link <link>]");
        assertThat(grammar.commands()).hasSameSizeAs(CommandSpecs.ALL);
        assertThat(CommandReference.markdown(grammar)).contains("`note <text> [--at <time>] [--link <link>]`");
    }
}
