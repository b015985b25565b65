package io.sitrep.incident.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.sitrep.incident.IncidentId;

/** {@link CommandLine}: the command grammar above the word level. */
class CommandLineTest {

    private static final Optional<IncidentId> INC_7 = Optional.of(new IncidentId(7));

    // ---------------------------------------------------------------- the /incident prefix

    @Test
    void theIncidentPrefixIsOptional() {
        assertThat(CommandLine.parse("/incident status")).isEqualTo(CommandLine.parse("status"));
        assertThat(CommandLine.parse("status").word()).isEqualTo("status");
    }

    @Test
    void thePrefixAndTheCommandWordAreCaseInsensitive() {
        CommandLine line = CommandLine.parse("/INCIDENT Resolved INC-7 done");

        assertThat(line.word()).isEqualTo("resolved");
        assertThat(line.incident()).isEqualTo(INC_7);
        assertThat(line.args()).containsExactly("done");
    }

    @Test
    void anEmptyLineOrABarePrefixMeansHelp() {
        assertThat(CommandLine.parse("").word()).isEqualTo("help");
        assertThat(CommandLine.parse(null).word()).isEqualTo("help");
        assertThat(CommandLine.parse("/incident").word()).isEqualTo("help");
    }

    // ---------------------------------------------------------------- quoting

    @Test
    void quotedTextIsOneArgument() {
        CommandLine line = CommandLine.parse("/incident resolved INC-7 \"rolled back the deploy\"");

        assertThat(line.word()).isEqualTo("resolved");
        assertThat(line.incident()).isEqualTo(INC_7);
        assertThat(line.args()).containsExactly("rolled back the deploy");
    }

    @Test
    void curlyQuotedTextIsOneArgument() {
        assertThat(CommandLine.parse("identified \u201Ccache deadlock\u201D").args()).containsExactly("cache deadlock");
    }

    // ---------------------------------------------------------------- flags

    @Test
    void flagsMayStandBeforeBetweenAndAfterPositionals() {
        CommandLine line = CommandLine.parse(
                "declare --sev 2 ConnectMe --service connectme down --region eu-west");

        assertThat(line.word()).isEqualTo("declare");
        assertThat(line.args()).containsExactly("ConnectMe", "down");
        assertThat(line.flags()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "sev", List.of("2"), "service", List.of("connectme"), "region", List.of("eu-west")));
    }

    @Test
    void flagsTakeTheValueAfterAnEqualsSign() {
        CommandLine line = CommandLine.parse("declare outage --sev=2 --detected-at=2026-02-26T08:19Z");

        assertThat(line.args()).containsExactly("outage");
        assertThat(line.flags()).containsEntry("sev", List.of("2"))
                .containsEntry("detected-at", List.of("2026-02-26T08:19Z"));
    }

    @Test
    void flagNamesAreCaseInsensitiveButValuesKeepTheirCase() {
        CommandLine line = CommandLine.parse("declare outage --Service ConnectMe --REGION=EU");

        assertThat(line.flags()).containsEntry("service", List.of("ConnectMe")).containsEntry("region", List.of("EU"));
    }

    @Test
    void aRepeatedFlagKeepsEveryValueInOrder() {
        CommandLine line = CommandLine.parse("declare outage --node a --node b --node=c");

        assertThat(line.flags()).containsEntry("node", List.of("a", "b", "c"));
        assertThat(line.args()).containsExactly("outage");
    }

    @Test
    void aQuotedFlagValueMayHoldSpaces() {
        CommandLine line = CommandLine.parse("declare outage --service \"ConnectMe (EU)\"");

        assertThat(line.flags()).containsEntry("service", List.of("ConnectMe (EU)"));
    }

    @Test
    void aQuotedFlagIsTextNotAFlag() {
        CommandLine line = CommandLine.parse("note \"--sev\" 1 was a typo");

        assertThat(line.flags()).isEmpty();
        assertThat(line.args()).containsExactly("--sev", "1", "was", "a", "typo");
    }

    @Test
    void aBareDoubleDashIsText() {
        CommandLine line = CommandLine.parse("note a -- b");

        assertThat(line.flags()).isEmpty();
        assertThat(line.args()).containsExactly("a", "--", "b");
    }

    @Test
    void rejectsAFlagWithoutAValueAtTheEnd() {
        assertThatThrownBy(() -> CommandLine.parse("declare outage --sev"))
                .isInstanceOf(GrammarException.class)
                .hasMessage("--sev needs a value, e.g. --sev \"\u2026\".");
    }

    @Test
    void rejectsAFlagFollowedByAnotherFlagInsteadOfAValue() {
        assertThatThrownBy(() -> CommandLine.parse("declare outage --service --sev 2"))
                .isInstanceOf(GrammarException.class)
                .hasMessageStartingWith("--service needs a value");
    }

    @Test
    void aQuotedValueThatLooksLikeAFlagIsStillAValue() {
        CommandLine line = CommandLine.parse("resolved done --force \"--because\"");

        assertThat(line.flags()).containsEntry("force", List.of("--because"));
    }

    // ---------------------------------------------------------------- the incident

    @Test
    void anIncidentRightAfterTheFirstWordIsTheIncident() {
        CommandLine line = CommandLine.parse("status INC-7");

        assertThat(line.incident()).isEqualTo(INC_7);
        assertThat(line.args()).isEmpty();
    }

    @Test
    void theIncidentIdIsCaseInsensitive() {
        CommandLine line = CommandLine.parse("identified inc-7 cache deadlock");

        assertThat(line.incident()).isEqualTo(INC_7);
        assertThat(line.args()).containsExactly("cache", "deadlock");
    }

    @Test
    void aQuotedIncidentIdIsText() {
        CommandLine line = CommandLine.parse("note \"INC-7\" is related");

        assertThat(line.incident()).isEmpty();
        assertThat(line.args()).containsExactly("INC-7", "is", "related");
    }

    @Test
    void anIncidentIdLaterInTheLineIsText() {
        CommandLine line = CommandLine.parse("note same cause as INC-7");

        assertThat(line.incident()).isEmpty();
        assertThat(line.args()).containsExactly("same", "cause", "as", "INC-7");
    }

    @Test
    void noIncidentNamedLeavesItEmpty() {
        assertThat(CommandLine.parse("identified cache deadlock").incident()).isEmpty();
    }

    @Test
    void aFlagBeforeTheIncidentDoesNotHideIt() {
        CommandLine line = CommandLine.parse("resolved --force \"probe down\" INC-7 \"rolled back\"");

        assertThat(line.incident()).isEqualTo(INC_7);
        assertThat(line.args()).containsExactly("rolled back");
        assertThat(line.flags()).containsEntry("force", List.of("probe down"));
    }

    @Test
    void aGroupedCommandKeepsItsVerbAndArgumentsAfterTheIncident() {
        CommandLine line = CommandLine.parse("/incident postmortem INC-7 set summary \"Node deadlocked; restarted by hand\"");

        assertThat(line.word()).isEqualTo("postmortem");
        assertThat(line.incident()).isEqualTo(INC_7);
        assertThat(line.args()).containsExactly("set", "summary", "Node deadlocked; restarted by hand");
        assertThat(line.argsFrom(1)).containsExactly("summary", "Node deadlocked; restarted by hand");
        assertThat(line.argsFrom(3)).isEmpty();
    }

    @Test
    void anUnclosedQuoteIsACommandError() {
        assertThatThrownBy(() -> CommandLine.parse("resolved INC-7 \"rolled back"))
                .isInstanceOf(GrammarException.class)
                .hasMessageContaining("unclosed quote");
    }
}
