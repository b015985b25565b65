package io.sitrep.bot.chaos;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the run sent and what it was told: every command with its token and whether the caller
 * was told it succeeded, and every HTTP answer any replica gave, for the invariants to hold the
 * system to afterwards.
 */
final class Ledger {

    /** Every command's text carries one of these, once: {@code chaos-<n>}. */
    static final Pattern TOKEN = Pattern.compile("chaos-(\\d+)\\b");

    /** One command sent through one platform to one replica. */
    static final class Command {
        final long seq;
        final String incident;
        final String via;
        final String kind;
        final int replica;
        final Instant sentAt;
        volatile Instant answeredAt;
        volatile boolean acknowledged;
        volatile String answer = "";

        Command(long seq, String incident, String via, String kind, int replica, Instant sentAt) {
            this.seq = seq;
            this.incident = incident;
            this.via = via;
            this.kind = kind;
            this.replica = replica;
            this.sentAt = sentAt;
        }

        String token() {
            return "chaos-" + seq;
        }

        void answered(boolean ok, String text) {
            answeredAt = Instant.now();
            acknowledged = ok;
            answer = text == null ? "" : text;
        }
    }

    /** One HTTP answer from a replica: a status, whether its body held a stack trace. */
    record Answer(Instant at, int replica, String endpoint, int status, boolean stackTrace, String excerpt) {
    }

    private final AtomicLong sequence = new AtomicLong();
    private final List<Command> commands = new CopyOnWriteArrayList<>();
    private final List<Answer> answers = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicLong> unanswered = new ConcurrentHashMap<>();

    Command command(String incident, String via, String kind, int replica) {
        Command command = new Command(sequence.incrementAndGet(), incident, via, kind, replica, Instant.now());
        commands.add(command);
        return command;
    }

    /** A status from a replica (any endpoint), with its body checked for a stack trace. */
    void answer(int replica, String endpoint, int status, String body) {
        String text = body == null ? "" : body;
        answers.add(new Answer(Instant.now(), replica, endpoint, status, StackTraces.in(text),
                text.length() > 300 ? text.substring(0, 300) : text));
    }

    /**
     * No answer at all (connection refused or reset, a timeout): right for a replica that died or
     * froze meanwhile, a fault for one that ran throughout.
     */
    record Silence(Instant at, int replica, String endpoint, boolean replicaRanThroughout, String why) {
    }

    private final List<Silence> silences = new CopyOnWriteArrayList<>();

    void noAnswer(Instant at, int replica, String endpoint, boolean ranThroughout, String why) {
        unanswered.computeIfAbsent(endpoint, e -> new AtomicLong()).incrementAndGet();
        silences.add(new Silence(at, replica, endpoint, ranThroughout, why));
    }

    List<Silence> silences() {
        return List.copyOf(silences);
    }

    List<Command> commands() {
        return List.copyOf(commands);
    }

    List<Answer> answers() {
        return List.copyOf(answers);
    }

    Map<String, Long> unanswered() {
        Map<String, Long> counts = new TreeMap<>();
        unanswered.forEach((k, v) -> counts.put(k, v.get()));
        return counts;
    }

    /** The command numbers named in {@code text}, in order. */
    static List<Long> tokens(String text) {
        List<Long> found = new ArrayList<>();
        if (text == null) {
            return found;
        }
        Matcher matcher = TOKEN.matcher(text);
        while (matcher.find()) {
            found.add(Long.parseLong(matcher.group(1)));
        }
        return found;
    }

    /** How a stack trace shows in a body: Java frames, or an exception's class name with a colon. */
    static final class StackTraces {
        private static final Pattern FRAME = Pattern.compile("\\bat [a-z][\\w$]*(\\.[\\w$]+)+\\([\\w$]*\\.java:\\d+\\)"
                + "|\\b(java|javax|jakarta|org\\.springframework|io\\.sitrep)\\.[\\w.$]*(Exception|Error)\\b");

        private StackTraces() {
        }

        static boolean in(String body) {
            return FRAME.matcher(body).find();
        }
    }
}
