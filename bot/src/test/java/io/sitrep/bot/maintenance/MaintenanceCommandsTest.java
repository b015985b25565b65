package io.sitrep.bot.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.sitrep.bot.EveryCommand;
import io.sitrep.bot.command.CommandContext;
import io.sitrep.bot.command.CommandDispatcher;
import io.sitrep.bot.command.MutableClock;
import io.sitrep.config.PermissionSettings;
import io.sitrep.config.ReminderSettings;
import io.sitrep.config.StatusSettings;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.UpdateSchedule;
import io.sitrep.incident.lifecycle.IncidentLifecycle;
import io.sitrep.incident.lifecycle.SpringStatemachineLifecycle;
import io.sitrep.integrations.chat.Actor;
import io.sitrep.integrations.chat.ChannelRef;
import io.sitrep.integrations.chat.ChatCommand;
import io.sitrep.integrations.chat.CommandFailure;
import io.sitrep.integrations.chat.CommandOutcome;
import io.sitrep.integrations.redis.RedisConnection;
import io.sitrep.integrations.redis.RedisIncidentStore;
import io.sitrep.integrations.redis.RedisMaintenance;
import io.sitrep.integrations.redis.TestRedis;

/** The maintenance commands through the dispatcher: admins schedule and cancel, anyone lists, bad input changes nothing. */
class MaintenanceCommandsTest {

    private static final IncidentLifecycle LIFECYCLE = new SpringStatemachineLifecycle();
    private static final StatusSettings STATUS = new StatusSettings("ConnectMe status", List.of(
            new StatusSettings.Component("ConnectMe (EU)", "connectme", "eu-west"),
            new StatusSettings.Component("Billing", "billing", null)));
    private static final String WINDOW = "--from 2026-12-08T02:00Z --to 2026-12-08T04:00Z";

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-12-07T12:00:00Z"));
    private final RedisConnection redis = TestRedis.flushed();
    private final MaintenanceDesk desk = new MaintenanceDesk(new MaintenanceStore(new RedisMaintenance(redis)), clock);
    private final CommandDispatcher dispatcher;

    MaintenanceCommandsTest() {
        RedisIncidentStore store = new RedisIncidentStore(redis);
        CommandContext context = new CommandContext(store, new IncidentWriter(store, LIFECYCLE), LIFECYCLE,
                new UpdateSchedule(ReminderSettings.defaults()), clock, "stakeholders");
        dispatcher = new CommandDispatcher(context, EveryCommand.standard().maintenance(desk, STATUS).sets(),
                CommandDispatcher.CommandObserver.NONE, delivery -> { }, new PermissionSettings(List.of("U0BOSS")));
    }

    private CommandOutcome run(String text, String userId) {
        return dispatcher.handle(new ChatCommand("/incident " + text, new Actor(userId, userId),
                new ChannelRef("slack", "C0OPS")));
    }

    private static String reply(CommandOutcome outcome) {
        assertThat(outcome.error()).isEmpty();
        return outcome.replies().get(0).text();
    }

    private static String error(CommandOutcome outcome) {
        assertThat(outcome.ok()).isFalse();
        return outcome.error().orElseThrow();
    }

    @Test
    void anAdminSchedulesAndCancelsAndAnyoneLists() {
        assertThat(reply(run("maintenance", "U0ANYONE"))).isEqualTo("No maintenance is scheduled.");
        assertThat(reply(run("maintenance schedule \"Database upgrade\" --service connectme --region eu-west "
                + WINDOW, "U0BOSS"))).startsWith("MNT-1 scheduled: Database upgrade on connectme (eu-west), "
                + "Dec 8, 2026 02:00 – 04:00 UTC.");
        assertThat(reply(run("maintenance schedule \"Invoice run move\" --service Billing --from 2026-12-09T22:00Z "
                + "--to 2026-12-10T01:00Z", "U0BOSS"))).startsWith("MNT-2 scheduled");

        assertThat(reply(run("maintenance list", "U0ANYONE"))).isEqualTo("Maintenance:\n"
                + "MNT-1 scheduled: Database upgrade on connectme (eu-west), Dec 8, 2026 02:00 – 04:00 UTC\n"
                + "MNT-2 scheduled: Invoice run move on Billing, Dec 9, 2026 22:00 – Dec 10, 2026 01:00 UTC");
        assertThat(desk.store().find("MNT-1").orElseThrow().scheduledBy()).isEqualTo("<@U0BOSS>");

        assertThat(reply(run("maintenance cancel mnt-2 moved to January", "U0BOSS")))
                .isEqualTo("MNT-2 cancelled: Invoice run move.");
        assertThat(desk.store().find("MNT-2").orElseThrow().posts()).last()
                .satisfies(p -> assertThat(p.text()).endsWith(": moved to January."));
        assertThat(error(run("maintenance cancel MNT-2", "U0BOSS"))).isEqualTo("MNT-2 is cancelled already; "
                + "nothing to call off.");
        assertThat(error(run("maintenance cancel MNT-9", "U0BOSS"))).contains("There is no maintenance window MNT-9");
        assertThat(desk.store().active()).extracting(MaintenanceWindow::id).containsExactly("MNT-1");
    }

    @Test
    void othersAreRefusedAndBadInputIsRefusedWithASentenceChangingNothing() {
        CommandOutcome stranger = run("maintenance schedule Upgrade --service connectme " + WINDOW, "U0ANT");
        assertThat(stranger.failure()).contains(CommandFailure.FORBIDDEN);
        assertThat(stranger.error()).contains("Only an admin (sitrep.permissions.admins) may schedule maintenance.");

        assertThat(error(run("maintenance schedule Upgrade --service connectme --from 2026-12-08T04:00Z "
                + "--to 2026-12-08T02:00Z", "U0BOSS"))).isEqualTo("--to must be after --from.");
        assertThat(error(run("maintenance schedule Upgrade --service connectme --from 2026-12-07T08:00Z "
                + "--to 2026-12-07T14:00Z", "U0BOSS"))).isEqualTo("--from is in the past (it is 2026-12-07 12:00 UTC "
                + "now); a window is scheduled ahead of time.");
        assertThat(error(run("maintenance schedule Upgrade --service conectme " + WINDOW, "U0BOSS")))
                .isEqualTo("There is no service 'conectme' on the status page; services: connectme, billing.");
        assertThat(error(run("maintenance schedule Upgrade --service connectme --to 2026-12-08T04:00Z", "U0BOSS")))
                .startsWith("maintenance schedule needs --from.");
        assertThat(error(run("maintenance schedule Upgrade " + WINDOW, "U0BOSS")))
                .startsWith("maintenance schedule needs --service.");
        assertThat(error(run("maintenance schedule Upgrade --service connectme --from soon --to 04:00", "U0BOSS")))
                .startsWith("--from 'soon' is not a time");

        reply(run("maintenance schedule Upgrade --service connectme " + WINDOW, "U0BOSS"));
        CommandOutcome cancel = run("maintenance cancel MNT-1", "U0ANT");
        assertThat(cancel.failure()).contains(CommandFailure.FORBIDDEN);
        assertThat(desk.store().active()).as("only the admin's window, still scheduled").singleElement()
                .satisfies(w -> assertThat(w.state()).isEqualTo(MaintenanceState.SCHEDULED));
    }
}
