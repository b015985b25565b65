package io.sitrep.bot.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.sitrep.integrations.chat.discord.FakeDiscord;

/**
 * One writer per incident, as responders are: each sends a command, waits for its answer (or
 * gives up on it), and sends the next — through the platform the incident lives on or the HTTP
 * API, to whichever replica answers. Most commands are stakeholder updates, the rest notes and
 * now and then a runbook step; each carries its token ({@code chaos-<n>}), which is how it is
 * found on timelines and in posts (a runbook's start carries none).
 */
final class Writers {

    /** An incident of the run and the platform it was declared on ({@code slack}, {@code discord} or {@code api}). */
    record Target(String id, String platform) {
    }

    private final Fleet fleet;
    private final Platforms platforms;
    private final Ledger ledger;
    private final long seed;
    private final long pauseMillis;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong sent = new AtomicLong();
    private volatile boolean running;

    Writers(Fleet fleet, Platforms platforms, Ledger ledger, long seed, long pauseMillis) {
        this.fleet = fleet;
        this.platforms = platforms;
        this.ledger = ledger;
        this.seed = seed;
        this.pauseMillis = pauseMillis;
    }

    void start(List<Target> targets) {
        running = true;
        for (int i = 0; i < targets.size(); i++) {
            Target target = targets.get(i);
            SplittableRandom random = new SplittableRandom(seed * 31 + i);
            Thread thread = new Thread(() -> write(target, random), "writer-" + target.id());
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    long sent() {
        return sent.get();
    }

    void stop() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(30_000);
        }
    }

    private void write(Target target, SplittableRandom random) {
        int runbookSteps = 0; // -1: the runbook's start went unanswered, so its steps are not sent
        while (running) {
            var replica = fleet.pick(random);
            if (replica.isEmpty()) {
                Platforms.pause(200);
                continue;
            }
            if (runbookSteps >= 0 && runbookSteps <= RUNBOOK_STEPS && random.nextDouble() < 0.05) {
                runbookSteps = runbook(target, replica.get(), runbookSteps, random);
                continue;
            }
            String via = via(target.platform(), random);
            String kind = random.nextDouble() < 0.8 ? "update" : "note";
            Ledger.Command command = ledger.command(target.id(), via, kind, replica.get().index());
            String text = command.token() + " " + words(random);
            switch (via) {
                case "slack" -> platforms.slack(replica.get(), command, kind + " " + target.id() + " \"" + text + "\"");
                case "discord" -> platforms.discord(random.nextInt(fleet.size()), command,
                        FakeDiscord.GENERAL_CHANNEL_ID, kind, "incident", target.id(), "text", text);
                default -> platforms.api(replica.get(), command, kind + " " + target.id() + " \"" + text + "\"");
            }
            sent.incrementAndGet();
            Platforms.pause(pauseMillis / 2 + random.nextLong(pauseMillis));
        }
    }

    /**
     * The next runbook command: the start, then its first steps in order, each with a note that
     * carries the token, through Slack or the API. Returns the steps done so far, or -1 once a
     * command went unanswered (whether it ran is unknown, so the next one could rightly be refused).
     */
    private int runbook(Target target, Replica replica, int done, SplittableRandom random) {
        String via = "slack".equals(target.platform()) && random.nextBoolean() ? "slack" : "api";
        Ledger.Command command = ledger.command(target.id(), via, done == 0 ? "runbook start" : "runbook step",
                replica.index());
        String line = done == 0 ? "runbook " + target.id() + " start " + RUNBOOK
                : "runbook " + target.id() + " step " + done + " done \"" + command.token() + " checked\"";
        if ("slack".equals(via)) {
            platforms.slack(replica, command, line);
        } else {
            platforms.api(replica, command, line);
        }
        sent.incrementAndGet();
        return command.acknowledged ? done + 1 : -1;
    }

    /** A runbook every incident may run, and how many of its steps (done in order, none checked by Sitrep) are sent. */
    static final String RUNBOOK = "service-degradation";
    private static final int RUNBOOK_STEPS = 3;

    /** Half the commands go through the incident's own platform, the rest through the HTTP API. */
    private static String via(String platform, SplittableRandom random) {
        if ("api".equals(platform) || random.nextBoolean()) {
            return "api";
        }
        return platform;
    }

    private static final String[] WORDS = {"checkout", "errors", "rolled", "back", "node-3", "deadlock", "probe",
            "latency", "EU", "customers", "restarting", "<b>bold</b>", "*stars*", "`code`", "& co", "ünïcödé", "🔥"};

    /** A few words, some of them the kind of text renderers must escape. */
    private static String words(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        int count = 2 + random.nextInt(6);
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.toString();
    }
}
