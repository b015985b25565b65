package io.sitrep.bot.postmortem;

import io.sitrep.bot.EveryCommand;
import java.time.Instant;

import io.sitrep.bot.command.CommandContext;
import io.sitrep.bot.command.CommandDispatcher;
import io.sitrep.bot.command.MutableClock;
import io.sitrep.config.ReminderSettings;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.UpdateSchedule;
import io.sitrep.incident.lifecycle.SpringStatemachineLifecycle;
import io.sitrep.integrations.chat.Actor;
import io.sitrep.integrations.chat.ChannelRef;
import io.sitrep.integrations.chat.ChatCommand;
import io.sitrep.integrations.chat.CommandOutcome;
import io.sitrep.integrations.redis.RedisIncidentStore;
import io.sitrep.integrations.redis.TestRedis;

/** Runs an incident's commands through the real dispatcher at given instants, on a real embedded Redis. */
public final class IncidentReplay {

    public final MutableClock clock = MutableClock.at(Instant.parse("2026-02-26T08:00:00Z"));
    public final RedisIncidentStore store = new RedisIncidentStore(TestRedis.flushed());
    private final SpringStatemachineLifecycle lifecycle = new SpringStatemachineLifecycle();
    private final CommandDispatcher dispatcher = new CommandDispatcher(new CommandContext(store,
            new IncidentWriter(store, lifecycle), lifecycle, new UpdateSchedule(ReminderSettings.defaults()), clock,
            "stakeholders"), EveryCommand.all());

    /** At {@code isoInstant}, {@code who} types {@code text} in the console. */
    public IncidentReplay at(String isoInstant, String who, String text) {
        clock.set(Instant.parse(isoInstant));
        CommandOutcome outcome = dispatcher.handle(new ChatCommand(text, new Actor(who), new ChannelRef("console", "ops")));
        if (!outcome.ok()) {
            throw new AssertionError(text + " failed: " + outcome.error().orElse(""));
        }
        return this;
    }

    PostmortemReport report(long incident) {
        IncidentId id = new IncidentId(incident);
        return PostmortemReport.of(store.find(id).orElseThrow(), store.timeline(id));
    }

    /**
     * The ConnectMe incident of 26 February 2026 as the product contract tells it: detected by
     * monitoring at 08:19, a wrong runbook step, the component restarted by hand at 09:22 (noted
     * afterwards), the first status post only at 10:21, Monitoring at 10:23, Resolved on 3 March,
     * the postmortem published on 5 March.
     */
    public static IncidentReplay connectMe() {
        IncidentReplay replay = new IncidentReplay();
        CONNECT_ME.forEach(step -> replay.at(step.at(), step.who(), step.text()));
        return replay;
    }

    /** One command of a script: at {@code at}, {@code who} types {@code text}. */
    public record Step(String at, String who, String text) {
    }

    /** The ConnectMe incident's commands, as {@link #connectMe()} plays them; for replays through other rigs. */
    public static final java.util.List<Step> CONNECT_ME = java.util.List.of(
            new Step("2026-02-26T08:19:00Z", "oncall-ana", "declare \"ConnectMe (EU) login and calls failing\" --sev 2 "
                    + "--service \"ConnectMe (EU)\" --region eu-west --node platform-node-7 --detected-at 08:19"),
            new Step("2026-02-26T08:31:00Z", "oncall-ana", "note INC-1 \"Health probe still reports platform-node-7 as starting\""),
            new Step("2026-02-26T08:52:00Z", "oncall-ana", "note INC-1 \"Terminated the unhealthy pod; the health check now "
                    + "waits on conditions irrelevant to the failure\""),
            new Step("2026-02-26T09:40:00Z", "oncall-ana", "note INC-1 \"Restarted the component by hand; logins and calls "
                    + "work again\" --at 09:22"),
            new Step("2026-02-26T10:20:00Z", "oncall-ana", "assign INC-1 comms @comms-ben"),
            new Step("2026-02-26T10:21:00Z", "comms-ben", "update INC-1 \"We are investigating login and call failures "
                    + "for ConnectMe (EU) users. Updates every 60 minutes.\""),
            new Step("2026-02-26T10:23:00Z", "oncall-ana", "monitoring INC-1 \"The affected component was restarted at "
                    + "09:22 UTC; service is restored and we are monitoring.\""),
            new Step("2026-03-03T16:41:00Z", "oncall-ana", "resolved INC-1 \"Service has been stable since the restart; "
                    + "the deadlocked platform node is healthy.\""),
            new Step("2026-03-04T09:00:00Z", "oncall-ana", "postmortem INC-1 start @dana"),
            new Step("2026-03-04T09:05:00Z", "dana", "postmortem INC-1 set category \"Platform node failure\""),
            new Step("2026-03-04T09:06:00Z", "dana", "postmortem INC-1 set summary \"One platform node deadlocked; "
                    + "ConnectMe (EU) logins and calls failed for users on it until the component was restarted.\""),
            new Step("2026-03-04T09:07:00Z", "dana", "postmortem INC-1 set impact \"Users served by platform-node-7 "
                    + "could not log in or place calls from 08:19 to 09:22 UTC.\""),
            new Step("2026-03-04T09:08:00Z", "dana", "postmortem INC-1 set root-cause \"A deadlock in the platform node; "
                    + "its health probe could take up to two hours to notice and recover it.\""),
            new Step("2026-03-04T09:10:00Z", "dana", "postmortem INC-1 action \"Detect a hung node in seconds: probe "
                    + "with a deadline, not a long retry window\" --owner @erik --due 2026-03-31"),
            new Step("2026-03-04T09:11:00Z", "dana", "postmortem INC-1 action \"Runbook: capture a thread dump before "
                    + "any restart; restart the component instead of terminating the pod\""),
            new Step("2026-03-04T09:12:00Z", "dana", "postmortem INC-1 action \"Post the first status update within "
                    + "15 minutes of detection\""),
            new Step("2026-03-05T10:43:00Z", "dana", "close INC-1"));
}
