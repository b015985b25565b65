package io.sitrep.bot.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.Platform;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.Watcher;
import io.sitrep.integrations.chat.Actor;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.ChannelNames;
import io.sitrep.integrations.chat.ChannelRef;
import io.sitrep.integrations.chat.ChatCommand;
import io.sitrep.integrations.chat.Delivery;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.DeliverySteps;
import io.sitrep.integrations.chat.console.ConsoleChat;
import io.sitrep.integrations.chat.console.ConsoleGateway;
import io.sitrep.integrations.redis.RedisIncidentStore;
import io.sitrep.integrations.redis.TestRedis;

/**
 * A scripted session through the real {@link ConsoleChat} on a JLine terminal made of streams,
 * with the real dispatcher behind it: what a person at the console sees.
 */
@Timeout(60)
class ConsoleChatTest {


    private RedisIncidentStore store;
    private MutableClock clock;
    private CommandDispatcher dispatcher;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final AtomicInteger exits = new AtomicInteger();
    private Terminal terminal;

    @BeforeEach
    void setUp() {
        store = new RedisIncidentStore(TestRedis.flushed());
        clock = MutableClock.incidentMorning();
        dispatcher = TestDispatchers.on(store, clock);
    }

    @AfterEach
    void closeTerminal() throws IOException {
        if (terminal != null) {
            terminal.close();
        }
    }

    @Test
    void aScriptedSessionDeclaresWorksAndLeavesAnIncident() throws IOException {
        String screen = session("""
                /incident declare "ConnectMe (EU) down" --sev 2 --service ConnectMe
                /incident status
                /incident identified "platform node deadlocked"
                /incident update "Root cause found; restarting the component"
                /incident bogus
                /quit
                /incident resolved "must never run: after /quit"
                """);

        assertThat(screen).startsWith("Sitrep console. You are alice in #console.");
        assertThat(screen).contains("you> ");
        // declare: the confirmation, the card in the new channel, the stakeholder post, the move.
        assertThat(screen).contains("Declared INC-1 · SEV2 · Investigating · ConnectMe (EU) down\n"
                + "Channel: #inc-1-connectme-eu-down · commander alice");
        assertThat(screen).contains("[#inc-1-connectme-eu-down] INC-1: ConnectMe (EU) down\n"
                + "    State INVESTIGATING · SEV2");
        assertThat(screen).contains("[#stakeholders] New incident INC-1 · SEV2 · Investigating · ConnectMe (EU) down "
                + "· service ConnectMe");
        assertThat(screen).contains("You are now in #inc-1-connectme-eu-down; commands here act on INC-1. "
                + "(/join console to leave)");
        // status without naming the incident: implied by the channel, shown unprefixed.
        assertThat(screen).contains("you> INC-1: ConnectMe (EU) down\nState INVESTIGATING · SEV2");
        // identified and update: confirmations here, status posts to stakeholders.
        assertThat(screen).contains("INC-1 is now IDENTIFIED.");
        assertThat(screen).contains("[#stakeholders] Identified — INC-1 ConnectMe (EU) down\n"
                + "    platform node deadlocked\n    Posted Feb 26, 2026 - 09:00 UTC");
        assertThat(screen).contains("Posted to #stakeholders.");
        assertThat(screen).contains("[#stakeholders] Identified — INC-1 ConnectMe (EU) down\n"
                + "    Root cause found; restarting the component");
        // the bogus command: one error line, and the session goes on.
        assertThat(screen).contains("you> ✗ Unknown command 'bogus'. Commands: declare,");
        assertThat(screen.lines().filter(l -> l.contains("✗"))).hasSize(1);
        assertThat(screen).doesNotContain("must never run").doesNotContain("RESOLVED");
        assertThat(screen.stripTrailing()).endsWith("Bye.");
        assertThat(exits).hasValue(1);

        Incident incident = store.find(new IncidentId(1)).orElseThrow();
        assertThat(incident.state()).isEqualTo(IncidentState.IDENTIFIED);
        assertThat(incident.rootCause()).isEqualTo("platform node deadlocked");
        assertThat(store.timeline(incident.id())).extracting(TimelineEntry::kind).containsExactly(
                TimelineKind.DECLARED, TimelineKind.STATUS_CHANGED, TimelineKind.STAKEHOLDER_UPDATE,
                TimelineKind.STAKEHOLDER_UPDATE);
        assertThat(store.timeline(incident.id()).get(3).data()).containsEntry("status", "Identified");
    }

    @Test
    void theEndOfInputLeavesLikeQuit() throws IOException {
        String screen = session("""
                /incident declare "API down"
                """);

        assertThat(screen).contains("Declared INC-1");
        assertThat(screen.stripTrailing()).endsWith("Bye.");
        assertThat(exits).hasValue(1);
        assertThat(store.find(new IncidentId(1))).isPresent();
    }

    @Test
    void joinMovesBetweenChannelsSoTheIncidentIsNoLongerImplied() throws IOException {
        String screen = session("""
                declare "API down"
                /join console
                identified "bad deploy"
                /join #inc-1-api-down
                identified "bad deploy"
                /exit
                """);

        assertThat(screen).contains("You are now in #console.");
        assertThat(screen).contains("✗ Which incident?");
        assertThat(screen).contains("You are now in #inc-1-api-down.");
        assertThat(screen).contains("INC-1 is now IDENTIFIED.");
        assertThat(exits).hasValue(1);
        assertThat(store.find(new IncidentId(1)).orElseThrow().state()).isEqualTo(IncidentState.IDENTIFIED);
    }

    @Test
    void blankLinesAreIgnored() throws IOException {
        String screen = session("\n   \nlist\n/quit\n");

        assertThat(screen).contains("No open incidents.");
        assertThat(screen).doesNotContain("✗");
        assertThat(exits).hasValue(1);
    }

    @Test
    void theClockOfTheSessionIsTheDispatchersClock() throws IOException {
        clock.advance(Duration.ofMinutes(21).plusHours(1));

        String screen = session("declare \"API down\"\nupdate \"looking\"\n");

        assertThat(screen).contains("Posted Feb 26, 2026 - 10:21 UTC");
    }

    /**
     * Runs the real console on this thread over {@code script} and returns what it printed.
     *
     * <p>The terminal is a {@link DumbTerminal} on the two streams, built directly: it reads and
     * writes on the calling thread, like a console whose stdin is piped, so the transcript is
     * deterministic. ({@code TerminalBuilder.builder().system(false).streams(in, out)} in JLine
     * 3.30 picks a pty provider whose pump threads echo the input asynchronously, and with the JNI
     * provider lose piped input altogether.)
     */
    @Test
    void showsRemindersButNotOtherPlatformsCommandsAsTheyCome() throws IOException {
        terminal = new DumbTerminal("sitrep-test", Terminal.TYPE_DUMB,
                new ByteArrayInputStream(new byte[0]), output, StandardCharsets.UTF_8);
        ConsoleChat chat = new ConsoleChat(dispatcher, terminal, "alice", null, exits::incrementAndGet);
        ConsoleGateway gateway = new ConsoleGateway(store, new ChannelNames("stakeholders", ""));
        gateway.attach(chat);
        dispatcher.handle(new ChatCommand("declare ConnectMe EU down", new Actor("alice"), new ChannelRef("api", "ops")));

        gateway.deliver(Delivery.fromWatcher(Watcher.REMINDER, new IncidentId(1), List.of(new DeliveryMessage(Audience.ROOM,
                "⏰ Stakeholder update due for INC-1")), false), DeliverySteps.inMemory());
        gateway.deliver(new Delivery(new IncidentId(1), new Actor("bob").on(Platform.SLACK),
                List.of(new DeliveryMessage(Audience.ROOM, "a post for Slack's channel")), false, null),
                DeliverySteps.inMemory());
        terminal.flush();

        String screen = output.toString(StandardCharsets.UTF_8);
        assertThat(screen).contains("[#inc-1-connectme-eu-down] ⏰ Stakeholder update due for INC-1")
                .doesNotContain("a post for Slack's channel");
    }

    private String session(String script) throws IOException {
        terminal = new DumbTerminal("sitrep-test", Terminal.TYPE_DUMB,
                new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)), output, StandardCharsets.UTF_8);
        new ConsoleChat(dispatcher, terminal, "alice", null, exits::incrementAndGet).run();
        terminal.flush();
        return output.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
    }
}
