package io.sitrep.integrations.chat.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandGroupData;

class IncidentSlashCommandTest {

    @Test
    void declareBecomesOneLineOfTheGrammarWithItsFlags() {
        String line = IncidentSlashCommand.commandLine(new SlashInvocation(null, "declare", Map.of(
                "title", "Checkout \"EU\" errors", "severity", "2", "service", "checkout", "node", "node-7, node-9",
                "detected-at", "08:19")));

        assertThat(line).isEqualTo("declare \"Checkout \\\"EU\\\" errors\" --sev \"2\" --service \"checkout\" "
                + "--node \"node-7\" --node \"node-9\" --detected-at \"08:19\"");
    }

    @Test
    void theIncidentGoesRightAfterTheFirstWordAndGroupsKeepTheirVerb() {
        assertThat(IncidentSlashCommand.commandLine(new SlashInvocation("runbook", "step",
                Map.of("step", "3", "outcome", "done", "note", "took a dump", "incident", "inc-7"))))
                .isEqualTo("runbook INC-7 step \"3\" \"done\" \"took a dump\"");
        assertThat(IncidentSlashCommand.commandLine(new SlashInvocation("postmortem", "start", Map.of("owner", "dana"))))
                .isEqualTo("postmortem start \"@dana\"");
        assertThat(IncidentSlashCommand.commandLine(new SlashInvocation(null, "status", Map.of())))
                .isEqualTo("status");
    }

    @Test
    void textThatLooksLikeAFlagStaysText() {
        assertThat(IncidentSlashCommand.commandLine(new SlashInvocation(null, "update", Map.of("text", "--sev 1"))))
                .isEqualTo("update \"--sev 1\"");
    }

    @Test
    void anIncidentThatIsNotAnIdAndAStaleSubcommandAreRefusedWithAReason() {
        assertThatThrownBy(() -> IncidentSlashCommand.commandLine(new SlashInvocation(null, "status",
                Map.of("incident", "checkout"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("'checkout' is not an incident; give its id, like INC-7.");
        assertThatThrownBy(() -> IncidentSlashCommand.commandLine(new SlashInvocation(null, "pager", Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Sitrep has no /incident pager");
    }

    @Test
    void theDefinitionFitsDiscordsLimits() {
        SlashCommandData data = IncidentSlashCommand.definition();

        assertThat(data.getSubcommands().size() + data.getSubcommandGroups().size()).isLessThanOrEqualTo(25);
        assertThat(data.getSubcommandGroups()).extracting(g -> g.getName())
                .containsExactlyInAnyOrder("runbook", "remind", "postmortem", "oncall", "more");
        int characters = data.getName().length() + data.getDescription().length();
        for (SubcommandData sub : subcommands(data)) {
            characters += sub.getName().length() + sub.getDescription().length();
            for (OptionData option : sub.getOptions()) {
                characters += option.getName().length() + option.getDescription().length();
                for (Command.Choice choice : option.getChoices()) {
                    characters += choice.getName().length() + choice.getAsString().length();
                }
            }
        }
        for (SubcommandGroupData group : data.getSubcommandGroups()) {
            characters += group.getName().length() + group.getDescription().length();
        }
        // Discord refuses a definition over 4,000; the margin keeps a command or two more from breaking it.
        assertThat(characters).as("Discord's limit of 4000 characters of names and descriptions").isLessThan(3_700);
    }

    @Test
    void aDescriptionIsItsFirstClauseCutAtAWord() {
        assertThat(IncidentSlashCommand.brief("what was done; keep it short", 60)).isEqualTo("What was done");
        assertThat(IncidentSlashCommand.brief("the root cause (one line)", 60)).isEqualTo("The root cause");
        assertThat(IncidentSlashCommand.brief("who is on call now and next, per layer, with the overrides in force", 40))
                .isEqualTo("Who is on call now and next, per layer…").hasSizeLessThanOrEqualTo(40);
        assertThat(IncidentSlashCommand.brief("severity", 40)).isEqualTo("Severity");
    }

    private static java.util.List<SubcommandData> subcommands(SlashCommandData data) {
        java.util.List<SubcommandData> all = new java.util.ArrayList<>(data.getSubcommands());
        data.getSubcommandGroups().forEach(g -> all.addAll(g.getSubcommands()));
        return all;
    }
}
