package io.sitrep.bot.maintenance;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.sitrep.bot.command.CommandException;
import io.sitrep.bot.command.CommandRefusedException;
import io.sitrep.bot.command.CommandSet;
import io.sitrep.bot.command.IncidentCommand;
import io.sitrep.bot.command.Invocation;
import io.sitrep.bot.command.Reply;
import io.sitrep.bot.text.Times;
import io.sitrep.config.StatusSettings;

/**
 * {@code /incident maintenance schedule <title> --service S [--region R] --from T --to T},
 * {@code /incident maintenance cancel <MNT-n> [reason]} (both for admins) and
 * {@code /incident maintenance [list]} (for anyone). Bad input is refused before anything is written.
 */
public final class MaintenanceCommands {

    private final MaintenanceDesk desk;
    private final StatusSettings status;

    private MaintenanceCommands(MaintenanceDesk desk, StatusSettings status) {
        this.desk = desk;
        this.status = status;
    }

    /**
     * @param desk   null where maintenance is not set up: the commands then say so
     * @param status its components name the services a window may be for, when there are any */
    public static CommandSet commands(MaintenanceDesk desk, StatusSettings status) {
        MaintenanceCommands maintenance = new MaintenanceCommands(desk, status);
        if (desk == null) {
            IncidentCommand absent = invocation -> {
                throw new CommandException("Scheduled maintenance is not set up here.");
            };
            return new CommandSet(Map.of("maintenance schedule", absent, "maintenance cancel", absent,
                    "maintenance list", absent));
        }
        Map<String, IncidentCommand> commands = new LinkedHashMap<>();
        commands.put("maintenance schedule", maintenance::schedule);
        commands.put("maintenance cancel", maintenance::cancel);
        commands.put("maintenance list", maintenance::list);
        return new CommandSet(commands);
    }

    private Reply schedule(Invocation invocation) {
        admin(invocation, "schedule maintenance");
        String title = invocation.text("a title");
        String service = invocation.flag("service").map(String::strip).filter(s -> !s.isEmpty())
                .orElseThrow(() -> missing("--service"));
        String region = invocation.flag("region").map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
        Instant from = invocation.timeFlag("from").orElseThrow(() -> missing("--from"));
        Instant to = invocation.timeFlag("to").orElseThrow(() -> missing("--to"));
        if (!to.isAfter(from)) {
            throw new CommandException("--to must be after --from.");
        }
        if (!from.isAfter(invocation.now())) {
            throw new CommandException("--from is in the past (it is " + Times.format(invocation.now())
                    + " now); a window is scheduled ahead of time.");
        }
        knownService(service);
        MaintenanceWindow window = desk.schedule(title, service, region, from, to, invocation.caller().reference());
        return Reply.text(window.id() + " scheduled: " + title + " on " + MaintenanceTexts.scope(window) + ", "
                + MaintenanceTexts.window(from, to) + ". Alerts and health changes for it then go on its own "
                + "timeline, not into incidents. Call it off with /incident maintenance cancel " + window.id() + ".");
    }

    private Reply cancel(Invocation invocation) {
        admin(invocation, "call maintenance off");
        String id = invocation.arg(0, "the window's id (MNT-n)").toUpperCase(Locale.ROOT);
        String reason = invocation.args().size() > 1 ? invocation.textFrom(1, "a reason") : null;
        MaintenanceWindow current = desk.store().find(id).orElseThrow(() -> new CommandException("There is no "
                + "maintenance window " + id + ". /incident maintenance lists them."));
        if (!current.state().active()) {
            throw new CommandException(id + " is " + current.state().label().toLowerCase(Locale.ROOT)
                    + " already; nothing to call off.");
        }
        MaintenanceWindow cancelled = desk.cancel(id, reason, invocation.caller().reference())
                .orElseThrow(() -> new CommandException(id + " ended as you asked; nothing to call off."));
        return Reply.text(cancelled.id() + " cancelled: " + cancelled.title() + ".");
    }

    private Reply list(Invocation invocation) {
        List<MaintenanceWindow> active = desk.store().active();
        if (active.isEmpty()) {
            return Reply.text("No maintenance is scheduled.");
        }
        StringBuilder text = new StringBuilder("Maintenance:");
        for (MaintenanceWindow window : active) {
            text.append("\n").append(window.id()).append(" ").append(window.state().label().toLowerCase(Locale.ROOT))
                    .append(": ").append(window.title()).append(" on ").append(MaintenanceTexts.scope(window))
                    .append(", ").append(MaintenanceTexts.window(window.from(), window.to()));
        }
        return Reply.text(text.toString());
    }

    private static void admin(Invocation invocation, String what) {
        if (!invocation.isAdmin()) {
            throw new CommandRefusedException("Only an admin (sitrep.permissions.admins) may " + what + ".");
        }
    }

    /** With components configured, a window is for one of their services: a typo would hold back nothing. */
    private void knownService(String service) {
        List<String> services = status.components().stream().map(StatusSettings.Component::service)
                .filter(s -> s != null && !s.isBlank()).distinct().toList();
        if (!services.isEmpty() && services.stream().noneMatch(service::equalsIgnoreCase)) {
            throw new CommandException("There is no service '" + service + "' on the status page; services: "
                    + String.join(", ", services) + ".");
        }
    }

    private static CommandException missing(String flag) {
        return new CommandException("maintenance schedule needs " + flag + ". Usage: /incident maintenance schedule "
                + "<title> --service S [--region R] --from T --to T");
    }
}
