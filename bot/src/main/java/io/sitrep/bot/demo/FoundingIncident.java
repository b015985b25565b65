package io.sitrep.bot.demo;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.sitrep.bot.health.HealthWatch;
import io.sitrep.incident.Incident;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.chat.CommandOutcome;
import io.sitrep.integrations.chat.console.ConsoleChat;

/**
 * The incident Sitrep was born from, replayed on Sitrep itself: node-3 deadlocks, the alert
 * fires at 08:19, and this time the runbook asks for the thread dump before the restart, the
 * reminder clock asks for the stakeholder post that in 2026 came an hour after service was back,
 * and the health guard refuses to call it over while the node is still down. Every command is
 * typed into the console chat and answered by the dispatcher every platform uses; the alert
 * goes through the Alertmanager webhook, the node's health through the health watch, and the
 * clock's moves through the reminder clock. Nothing of what Sitrep says is written here.
 */
public final class FoundingIncident {

    /** A few minutes before the alert: the clock starts here. */
    public static final Instant MORNING = Instant.parse("2026-02-26T08:15:00Z");
    private static final LocalDate INCIDENT_DAY = LocalDate.of(2026, 2, 26);
    private static final LocalDate POSTMORTEM_DAY = INCIDENT_DAY.plusDays(1);
    private static final String RUNBOOK = "platform-node-unresponsive";

    private final StoryTime time;
    private final DemoNode node;
    private final HealthWatch health;
    private final DemoAlertmanager alertmanager;
    private final IncidentStore store;
    private final Path exports;
    private final List<Replay.Typed> typed = new ArrayList<>();
    private final List<Path> exported = new ArrayList<>();
    private Narrator narrator;
    private ConsoleChat chat;

    /**
     * @param baseUrl Sitrep's own HTTP server, where the alert is posted
     * @param exports where {@code export} writes the postmortem
     */
    FoundingIncident(StoryTime time, DemoNode node, HealthWatch health, String baseUrl, IncidentStore store,
                     Path exports) {
        this.time = time;
        this.node = node;
        this.health = health;
        this.alertmanager = new DemoAlertmanager(baseUrl);
        this.store = store;
        this.exports = exports;
    }

    /** Plays the story in {@code chat}, as its user, with the narration between the moments. */
    Replay play(ConsoleChat chat, Narrator narrator) {
        this.chat = chat;
        this.narrator = narrator;
        watching();
        Incident incident = alerted();
        workingIt(incident);
        overAndWrittenUp();
        return new Replay(incident.id().toString(), typed, exported);
    }

    private void watching() {
        at(INCIDENT_DAY, "08:15", "ConnectMe's logins in " + DemoNode.REGION + " run on " + DemoNode.NODE
                + ". Sitrep's health watch probes it, each probe with a deadline.");
        health.pollOnce();
        type("/incident health");
    }

    private Incident alerted() {
        Instant startsAt = at(INCIDENT_DAY, "08:19", DemoNode.NODE + " deadlocks. Its own probe of 2026 took up to two hours to notice;"
                + " monitoring fires now, and Alertmanager posts to Sitrep's /hooks/alertmanager:");
        node.deadlock();
        DemoAlertmanager.Answer answer = alertmanager.firing(startsAt);
        narrator.aside("Sitrep answers Alertmanager: " + answer.status() + " " + answer.body());
        Incident incident = opened().orElseThrow(() -> new IllegalStateException(
                "the alert opened no incident; Sitrep answered " + answer.status() + " " + answer.body()));
        narrator.moment(time.now(), "The health watch asks " + DemoNode.NODE + " again at once and confirms the hang:");
        health.pollOnce();

        at(INCIDENT_DAY, "08:21", "You take " + incident.id() + " on: TRIAGE becomes INVESTIGATING, with you as its"
                + " commander. Ben will speak to stakeholders.");
        type("/incident accept " + incident.id());
        type("/join #" + incident.channel());
        type("/incident assign comms @ben");

        at(INCIDENT_DAY, "08:22", "The runbook written from this incident fits it:");
        type("/incident runbook");
        type("/incident runbook " + RUNBOOK);
        at(INCIDENT_DAY, "08:25", "The scope is clear.");
        type("/incident runbook step scope done \"" + DemoNode.NODE + " only: ConnectMe logins in " + DemoNode.REGION
                + "\"");
        at(INCIDENT_DAY, "08:31", "A thread dump before any restart: in 2026 the pod was deleted first, and the"
                + " evidence went with it.");
        type("/incident runbook step diagnostics done \"thread dump saved: the session cache lock is held by the token"
                + " refresher, which waits on it\"");
        return incident;
    }

    private void workingIt(Incident incident) {
        Instant due = time.nextDue().orElseThrow(() -> new IllegalStateException(
                "no stakeholder update is due on " + incident.id()));
        narrator.moment(due, "Stakeholders have heard nothing yet. In 2026 the first post came at 10:21, an hour"
                + " after service was back. Sitrep's reminder clock fires on time:");
        time.advanceTo(due);
        at(INCIDENT_DAY, "08:37", "So the first post goes out now.");
        type("/incident update \"Logins to ConnectMe fail for users in " + DemoNode.REGION + ". We know which node"
                + " and are working on it. Next update within the hour.\"");
        at(INCIDENT_DAY, "08:40", "The cause is known.");
        type("/incident identified \"A deadlock in the session cache on " + DemoNode.NODE + "\"");
        at(INCIDENT_DAY, "08:44", "In 2026 the pod was deleted and the incident thought over. The health guard refuses"
                + " while " + DemoNode.NODE + " is still down:");
        type("/incident resolved \"Deleted the pod; a new one is starting\"");
        at(INCIDENT_DAY, "08:45", "Restart the component instead, as the runbook says. Its next step checks the"
                + " node at once:");
        type("/incident runbook step restart done \"Restarted the session component on " + DemoNode.NODE + "\"");
        at(INCIDENT_DAY, "08:47", DemoNode.NODE + " answers again, and the alert ends:");
        node.restart();
        health.pollOnce();
        Instant ended = time.now();
        DemoAlertmanager.Answer answer = alertmanager.resolved(ended, ended);
        narrator.aside("Sitrep answers Alertmanager: " + answer.status() + " " + answer.body());
        at(INCIDENT_DAY, "08:50", DemoNode.NODE + " has been healthy for three minutes; the runbook's check holds.");
        type("/incident runbook step node-healthy done");
        type("/incident runbook step validate done \"Logged in and placed a call through " + DemoNode.REGION + "\"");
        at(INCIDENT_DAY, "08:52", "Service is back, and stakeholders hear it at once.");
        type("/incident monitoring \"The session component on " + DemoNode.NODE + " was restarted at 08:45 UTC;"
                + " logins and calls work again. We are watching it.\"");
        type("/incident runbook step update done");
        at(INCIDENT_DAY, "09:20", "Stable for half an hour: now the guard lets the resolution through.");
        type("/incident resolved \"Logins and calls have worked since 08:47 UTC; " + DemoNode.NODE + " is healthy\"");
    }

    private void overAndWrittenUp() {
        at(POSTMORTEM_DAY, "10:00", "The next morning, the postmortem, from a timeline nobody had to reconstruct:");
        type("/incident postmortem start");
        type("/incident postmortem set category \"Platform node failure\"");
        type("/incident postmortem set summary \"" + DemoNode.NODE + " deadlocked; ConnectMe logins in "
                + DemoNode.REGION + " failed until its session component was restarted.\"");
        type("/incident postmortem set impact \"Users served by " + DemoNode.NODE + " could not log in or place calls"
                + " from 08:19 to 08:47 UTC.\"");
        type("/incident postmortem set root-cause \"A deadlock in the session cache: the token refresher held the"
                + " lock it waited on.\"");
        type("/incident postmortem action \"Probe nodes with a deadline, so a hang is seen in seconds\"");
        type("/incident postmortem action \"Fix the lock order between the session cache and the token refresher\"");
        at(POSTMORTEM_DAY, "10:30", "Published, and exported.");
        type("/incident close");
        type("/incident export md");
        type("/incident export html");
    }

    /** The incident the alert opened: the open one on the node. */
    private Optional<Incident> opened() {
        return store.findOpen().stream().filter(i -> i.nodes().contains(DemoNode.NODE)).findFirst();
    }

    /** Tells what happens at {@code hhmm} on {@code day}, and moves the clock there. */
    private Instant at(LocalDate day, String hhmm, String what) {
        Instant moment = LocalTime.parse(hhmm).atDate(day).toInstant(ZoneOffset.UTC);
        narrator.moment(moment, what);
        time.advanceTo(moment);
        return moment;
    }

    private void type(String line) {
        Optional<CommandOutcome> outcome = chat.typed(line);
        outcome.ifPresent(o -> {
            typed.add(new Replay.Typed(line, o.ok(), o.error().orElse(null)));
            o.file().ifPresent(file -> exported.add(exports.resolve(file.fileName()).toAbsolutePath()));
        });
    }
}
