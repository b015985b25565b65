package io.sitrep.bot.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.sitrep.bot.EveryCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.sitrep.incident.IncidentId;
import io.sitrep.incident.command.CommandReference;
import io.sitrep.incident.command.CommandSpec;
import io.sitrep.incident.command.CommandSpecs;
import io.sitrep.incident.command.Grammar;
import io.sitrep.incident.command.Parameter;
import io.sitrep.integrations.chat.Actor;
import io.sitrep.integrations.chat.ChannelRef;
import io.sitrep.integrations.chat.ChatCommand;
import io.sitrep.integrations.chat.CommandOutcome;
import io.sitrep.integrations.redis.RedisIncidentStore;
import io.sitrep.integrations.redis.TestRedis;

/**
 * The command spec is the one place the grammar is written: the table in docs/commands.md and help are
 * made from it, every spec has its command, and a flag added to the spec alone is taken.
 */
class CommandSpecContractTest {

    private static final Path COMMANDS_DOC = Path.of("..", "docs", "commands.md");
    private static final String START = "<!-- commands: made from the command spec; a test keeps them equal -->\n";
    private static final String END = "<!-- end of commands -->";

    private final RedisIncidentStore store = new RedisIncidentStore(TestRedis.flushed());
    private final CommandContext context = TestDispatchers.context(store, MutableClock.incidentMorning());
    private final CommandDispatcher dispatcher = new CommandDispatcher(context, EveryCommand.all());

    @Test
    void theDocumentedCommandTableIsTheOneMadeFromTheSpec() throws IOException {
        String readme = Files.readString(COMMANDS_DOC);
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        assertThat(start).as("docs/commands.md marks its command table").isNotNegative();
        assertThat(readme.substring(start + START.length(), end)).isEqualTo(CommandReference.markdown(CommandSpecs.GRAMMAR));
    }

    @Test
    void everySpecHasItsCommandAndHelpShowsEveryUsageAndExample() {
        assertThat(CommandDispatcher.handlers(CommandSpecs.GRAMMAR, EveryCommand.all()).keySet())
                .containsExactlyInAnyOrderElementsOf(CommandSpecs.ALL.stream().map(CommandSpec::name).toList());

        String help = text(dispatcher.handle(command("help")));
        for (CommandSpec spec : CommandSpecs.ALL) {
            assertThat(help).contains("/incident " + spec.usage()).contains(spec.summary());
            assertThat(text(dispatcher.handle(command("help " + spec.name()))))
                    .contains("/incident " + spec.usage()).contains("Example: /incident " + spec.example());
        }
    }

    @Test
    void aSlipIsAnsweredWithTheNearestCommandOrFlag() {
        assertThat(dispatcher.handle(command("resolv INC-1 fixed")).error())
                .hasValueSatisfying(e -> assertThat(e).startsWith("Unknown command 'resolv'. Did you mean `resolved`?"));
        assertThat(dispatcher.handle(command("declare \"db down\" --sevv 2")).error())
                .hasValueSatisfying(e -> assertThat(e).contains("Did you mean --sev?"));
        assertThat(dispatcher.handle(command("postmortem INC-1 sett summary x")).error())
                .hasValueSatisfying(e -> assertThat(e).contains("Did you mean `set`?"));
        assertThat(dispatcher.handle(command("help resolvd")).error())
                .hasValueSatisfying(e -> assertThat(e).contains("Did you mean `resolved`?"));
    }

    @Test
    void aFlagAddedInTheSpecAloneIsTakenAndShownInHelp() {
        CommandSpec note = CommandSpecs.find("note").orElseThrow();
        CommandSpec withLink = note.withFlag(Parameter.word("link", "a link to evidence").asFlag("link"));
        Grammar grammar = CommandSpecs.GRAMMAR.with(withLink);
        CommandDispatcher extended = new CommandDispatcher(context, EveryCommand.all(), CommandDispatcher.CommandObserver.NONE,
                delivery -> { }, grammar, io.sitrep.config.PermissionSettings.none());
        dispatcher.handle(command("declare \"db down\""));

        assertThat(dispatcher.handle(command("note INC-1 seen --link https://grafana.example")).error())
                .as("Sitrep's own grammar has no --link").hasValueSatisfying(e -> assertThat(e).contains("doesn't take --link"));
        CommandOutcome taken = extended.handle(command("note INC-1 seen --link https://grafana.example"));
        assertThat(taken.ok()).as(taken.error().orElse("")).isTrue();
        assertThat(store.timeline(new IncidentId(1))).extracting(e -> e.text()).contains("seen");
        assertThat(text(extended.handle(command("help note")))).contains("[--link <link>]");
    }

    private static ChatCommand command(String line) {
        return new ChatCommand(line, new Actor("alice"), new ChannelRef("console", "console"));
    }

    private static String text(CommandOutcome outcome) {
        assertThat(outcome.ok()).as(outcome.error().orElse("")).isTrue();
        return String.join("\n", outcome.replies().stream().map(m -> m.text()).toList());
    }
}
