package io.sitrep.bot;

import java.nio.file.Path;
import java.util.List;

import io.sitrep.bot.command.CommandSet;
import io.sitrep.bot.delivery.DeliveryBacklog;
import io.sitrep.bot.health.HealthCommand;
import io.sitrep.bot.health.HealthView;
import io.sitrep.bot.lifecycle.LifecycleCommands;
import io.sitrep.bot.maintenance.MaintenanceCommands;
import io.sitrep.bot.maintenance.MaintenanceDesk;
import io.sitrep.bot.oncall.OnCallCommands;
import io.sitrep.bot.oncall.OnCallDesk;
import io.sitrep.bot.paging.PageTargets;
import io.sitrep.bot.paging.PagingCommands;
import io.sitrep.bot.postmortem.PostmortemCommands;
import io.sitrep.bot.reminder.RemindSnoozeCommand;
import io.sitrep.bot.runbook.RunbookCatalog;
import io.sitrep.bot.runbook.RunbookCommand;
import io.sitrep.config.StatusSettings;
import io.sitrep.integrations.redis.TestRedis;

/**
 * Every feature's commands, as the application's wiring contributes them, for the dispatchers
 * tests build: no health targets, no runbooks, nothing owed and no on-call unless given.
 */
public final class EveryCommand {

    private Path exports;
    private HealthView health = HealthView.NONE;
    private RunbookCatalog runbooks = RunbookCatalog.load(null);
    private DeliveryBacklog backlog = DeliveryBacklog.none();
    private OnCallDesk oncall;
    private MaintenanceDesk maintenance;
    private StatusSettings status = StatusSettings.defaults();

    private EveryCommand() {
    }

    public static EveryCommand standard() {
        return new EveryCommand();
    }

    /** Every command with nothing configured; exports go to a temporary directory. */
    public static List<CommandSet> all() {
        return standard().sets();
    }

    public EveryCommand exports(Path directory) {
        this.exports = directory;
        return this;
    }

    public EveryCommand health(HealthView view) {
        this.health = view;
        return this;
    }

    public EveryCommand runbooks(RunbookCatalog catalog) {
        this.runbooks = catalog;
        return this;
    }

    public EveryCommand backlog(DeliveryBacklog owed) {
        this.backlog = owed;
        return this;
    }

    public EveryCommand oncall(OnCallDesk desk) {
        this.oncall = desk;
        return this;
    }

    /** @param components the status page's settings, whose components name the services a window may be for */
    public EveryCommand maintenance(MaintenanceDesk desk, StatusSettings components) {
        this.maintenance = desk;
        this.status = components;
        return this;
    }

    public List<CommandSet> sets() {
        return List.of(LifecycleCommands.commands(runbooks, backlog),
                PostmortemCommands.commands(exports == null ? TestRedis.tempDir("exports") : exports),
                RemindSnoozeCommand.commands(), RunbookCommand.commands(runbooks, health),
                HealthCommand.commands(health), OnCallCommands.commands(oncall),
                PagingCommands.commands(oncall == null ? null : new PageTargets(oncall)),
                MaintenanceCommands.commands(maintenance, status),
                io.sitrep.bot.followup.FollowUpCommands.commands());
    }
}
