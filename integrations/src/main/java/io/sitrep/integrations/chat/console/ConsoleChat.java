package io.sitrep.integrations.chat.console;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sitrep.incident.Platform;
import io.sitrep.integrations.chat.Actor;
import io.sitrep.integrations.chat.ChannelRef;
import io.sitrep.integrations.chat.ChatCommand;
import io.sitrep.integrations.chat.ChatCommandHandler;
import io.sitrep.integrations.chat.ChatMessage;
import io.sitrep.integrations.chat.CommandOutcome;

/**
 * A chat in the local terminal, with line editing and history (JLine). The user starts in the
 * {@code #console} channel; declaring an incident moves them into its channel, as Slack invites
 * the declarer, so later commands act on it without naming it. Messages for other channels are
 * printed with the channel's name.
 */
public final class ConsoleChat implements Runnable {

    public static final String PLATFORM = Platform.CONSOLE.wireName();
    static final String LOBBY = "console";
    private static final String PROMPT = "you> ";
    private static final Logger log = LoggerFactory.getLogger(ConsoleChat.class);

    private final ChatCommandHandler handler;
    private final Terminal terminal;
    private final Actor actor;
    private final Path historyFile;
    private final Runnable onExit;
    private volatile ChannelRef channel = new ChannelRef(PLATFORM, LOBBY);
    private volatile LineReader reader;

    /**
     * @param historyFile where line history is kept between runs; null keeps it in memory only
     * @param onExit      what to do when the user leaves (end of input, {@code /quit})
     */
    public ConsoleChat(ChatCommandHandler handler, Terminal terminal, String user, Path historyFile, Runnable onExit) {
        this.handler = handler;
        this.terminal = terminal;
        this.actor = new Actor(user);
        this.historyFile = historyFile;
        this.onExit = onExit;
    }

    @Override
    public void run() {
        LineReaderBuilder builder = LineReaderBuilder.builder().terminal(terminal).appName("sitrep");
        if (historyFile != null) {
            builder.variable(LineReader.HISTORY_FILE, historyFile);
        }
        LineReader reader = builder.build();
        this.reader = reader;
        PrintWriter out = terminal.writer();
        out.println("Sitrep console. You are " + actor.name() + " in #" + channel.id()
                + ". Type /incident help, /join <channel>, or /quit.");
        out.flush();
        try {
            while (true) {
                String line;
                try {
                    line = reader.readLine(PROMPT);
                } catch (UserInterruptException ctrlC) {
                    continue;
                }
                if (line == null || leaves(line)) {
                    break;
                }
                enter(line, out);
            }
        } catch (EndOfFileException endOfInput) {
            // Ctrl-D or the end of piped input: leave like /quit.
        } finally {
            out.println("Bye.");
            out.flush();
            onExit.run();
        }
    }

    /**
     * {@code line} shown after the prompt as if typed there, then acted on as the prompt would
     * (a replayed session reads like a typed one).
     *
     * @return the command's outcome; empty for {@code /join} and for a command that failed inside
     */
    public Optional<CommandOutcome> typed(String line) {
        PrintWriter out = terminal.writer();
        out.println(PROMPT + line);
        Optional<CommandOutcome> outcome = enter(line, out);
        out.flush();
        return outcome;
    }

    private static boolean leaves(String line) {
        String trimmed = line.strip();
        return trimmed.equals("/quit") || trimmed.equals("/exit");
    }

    private Optional<CommandOutcome> enter(String line, PrintWriter out) {
        String trimmed = line.strip();
        if (trimmed.isEmpty()) {
            return Optional.empty();
        }
        if (trimmed.startsWith("/join")) {
            join(trimmed.substring("/join".length()).strip(), out);
            return Optional.empty();
        }
        return handle(trimmed, out);
    }

    /**
     * Prints messages nobody typed a command for (reminders), above the line being edited, so
     * they neither garble it nor wait for the next command.
     */
    public void show(List<ChatMessage> messages) {
        LineReader current = reader;
        for (ChatMessage message : messages) {
            String text = message.channel().id().equals(channel.id()) ? message.text()
                    : "[#" + message.channel().id() + "] " + message.text().replace("\n", "\n    ");
            if (current != null) {
                current.printAbove(text);
            } else {
                terminal.writer().println(text);
                terminal.writer().flush();
            }
        }
    }

    private void join(String target, PrintWriter out) {
        String name = target.startsWith("#") ? target.substring(1) : target;
        if (name.isBlank()) {
            out.println("Usage: /join <channel>   (you are in #" + channel.id() + ")");
        } else {
            channel = channel.sibling(name);
            out.println("You are now in #" + name + ".");
        }
        out.flush();
    }

    private Optional<CommandOutcome> handle(String line, PrintWriter out) {
        CommandOutcome outcome;
        try {
            outcome = handler.handle(new ChatCommand(line, actor, channel));
        } catch (RuntimeException e) {
            log.error("Console command failed: {}", line, e);
            out.println("Sorry, that failed inside Sitrep; the details are in the log.");
            out.flush();
            return Optional.empty();
        }
        outcome.error().ifPresent(error -> out.println("✗ " + error));
        for (ChatMessage reply : outcome.replies()) {
            if (reply.channel().equals(channel)) {
                out.println(reply.text());
            } else {
                out.println("[#" + reply.channel().id() + "] " + reply.text().replace("\n", "\n    "));
            }
        }
        outcome.invite().filter(invite -> !invite.equals(channel)).ifPresent(invite -> {
            channel = invite;
            out.println("You are now in #" + invite.id() + "; commands here act on " + outcome.incident().orElse("it")
                    + ". (/join console to leave)");
        });
        out.flush();
        return Optional.of(outcome);
    }
}
