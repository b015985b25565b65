package io.sitrep.bot.demo;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.LongSupplier;

import io.sitrep.bot.health.HealthWatch;
import io.sitrep.incident.ReminderPlan;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.chat.console.ConsoleChat;

/**
 * {@code --demo}: the founding incident replayed in the console on an accelerated clock, then
 * what it left to look at — the status page and the exported postmortem.
 */
public final class Demo {

    private final StoryTime time;
    private final DemoNode node;
    private final HealthWatch health;
    private final IncidentStore store;
    private final Path dataDir;

    /**
     * @param remindersSent how many reminders, escalations and nudges Sitrep has sent and shown so far
     * @param dataDir       the demo's own data directory
     */
    public Demo(DemoClock clock, IncidentStore store, ReminderPlan plan, LongSupplier remindersSent, DemoNode node,
                HealthWatch health, Path dataDir) {
        this.time = new StoryTime(clock, store, plan, remindersSent);
        this.node = node;
        this.health = health;
        this.store = store;
        this.dataDir = dataDir;
    }

    /**
     * Plays the story in {@code chat}, narrated on {@code out}, and says where to look.
     *
     * @param baseUrl where Sitrep's HTTP server listens, {@code http://127.0.0.1:8090}
     */
    public Replay replay(ConsoleChat chat, PrintWriter out, String baseUrl) {
        Narrator narrator = new Narrator(out);
        narrator.heading("Sitrep demo: the ConnectMe incident of 26 February 2026, replayed on Sitrep. Times are the"
                + " story's; the clock jumps between its moments.");
        Replay replay = new FoundingIncident(time, node, health, baseUrl, store, dataDir.resolve("exports"))
                .play(chat, narrator);
        narrator.heading("What the demo left to look at:");
        narrator.aside("Status page        " + baseUrl + "/status");
        narrator.aside("Its public page    " + baseUrl + "/status/incidents/" + replay.incident());
        replay.exports().forEach(file -> narrator.aside("Postmortem export  " + file));
        narrator.aside("Data               " + dataDir + " (its own embedded Redis; no other incidents are touched)");
        return replay;
    }
}
