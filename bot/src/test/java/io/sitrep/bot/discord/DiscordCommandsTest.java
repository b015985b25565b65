package io.sitrep.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.sitrep.incident.IncidentId;

/**
 * Every subcommand Sitrep registers in the guild, filled in as Discord's UI would let a user,
 * reaches the core as a line its one grammar understands: no unknown command, no missing
 * argument, no flag the command does not take.
 */
class DiscordCommandsTest extends DiscordAppTest {

    private static final List<String> GRAMMAR_ERRORS = List.of("Unknown command", "needs one of", "doesn't take --",
            "Usage: /incident", "Sitrep has no /incident");

    @Test
    void everyRegisteredSubcommandMapsOntoTheGrammar() {
        reply(discord.slash("alice", GENERAL, null, "declare", "title", "Checkout errors"));
        JsonNode incident = discord.registeredCommands().get(0);
        assertThat(incident.path("name").asText()).isEqualTo("incident");
        assertThat(incident.path("contexts")).as("guild only").extracting(JsonNode::asInt).containsExactly(0);

        List<String> tried = new ArrayList<>();
        for (JsonNode first : incident.path("options")) {
            if (first.path("type").asInt() == 2) {
                for (JsonNode sub : first.path("options")) {
                    tried.add(tryOut(first.path("name").asText(), sub));
                }
            } else {
                tried.add(tryOut(null, first));
            }
        }

        assertThat(tried).as("one subcommand per command of the spec")
                .containsExactlyInAnyOrderElementsOf(io.sitrep.incident.command.CommandSpecs.ALL.stream()
                        .map(io.sitrep.incident.command.CommandSpec::name).toList());
        assertThat(store.find(new IncidentId(1))).isPresent();
    }

    /** Runs the subcommand with every option filled in; returns its path. */
    private String tryOut(String group, JsonNode sub) {
        String name = sub.path("name").asText();
        List<String> options = new ArrayList<>();
        for (JsonNode option : sub.path("options")) {
            options.add(option.path("name").asText());
            options.add(sampleValue(option));
        }
        String answer = reply(discord.slash("alice", GENERAL, group, name, options.toArray(String[]::new)));
        // Past Discord's 25 entries the last groups sit in "more": more followup-list is followup list.
        String path = group == null ? name : "more".equals(group) ? name.replaceFirst("-", " ") : group + " " + name;
        assertThat(answer).as("/incident %s %s", path, options).doesNotContain(GRAMMAR_ERRORS);
        return path;
    }

    private static String sampleValue(JsonNode option) {
        String name = option.path("name").asText();
        if (option.has("choices")) {
            return option.path("choices").get(0).path("value").asText();
        }
        return switch (option.path("type").asInt()) {
            case 4 -> option.path("min_value").asText("1");
            case 6 -> "dana";
            default -> switch (name) {
                case "incident" -> "INC-1";
                case "detected-at", "started-at", "at" -> "2026-01-01T00:00Z";
                case "node" -> "node-1, node-2";
                default -> "a " + name;
            };
        };
    }
}
