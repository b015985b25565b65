package io.sitrep.bot.health;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.sitrep.bot.command.CommandSet;
import io.sitrep.bot.command.IncidentCommand;
import io.sitrep.bot.command.Invocation;
import io.sitrep.bot.command.Reply;
import io.sitrep.integrations.health.TargetStatus;
import io.sitrep.bot.text.Times;
import io.sitrep.incident.Incident;

/**
 * {@code health [service|node]}: the watched targets as a compact table. In an incident's
 * channel, its own targets; with a word, the targets of that service or node (or that name).
 */
public final class HealthCommand implements IncidentCommand {

    private final HealthView health;

    private HealthCommand(HealthView health) {
        this.health = health;
    }

    public static CommandSet commands(HealthView health) {
        return CommandSet.of("health", new HealthCommand(health));
    }

    @Override
    public Reply run(Invocation in) {
        if (health.statuses().isEmpty()) {
            return Reply.text("No health targets are configured (sitrep.health.targets).");
        }
        List<TargetStatus> shown;
        String scope;
        if (!in.args().isEmpty()) {
            String word = in.args().get(0).toLowerCase(Locale.ROOT);
            shown = health.statuses().stream().filter(s -> matches(s, word)).toList();
            scope = "matching '" + in.args().get(0) + "'";
        } else {
            Optional<Incident> incident = implied(in);
            shown = incident.map(health::covering).orElse(health.statuses());
            scope = incident.map(i -> "of " + i.id()).orElse("watched");
        }
        if (shown.isEmpty()) {
            return Reply.text("No targets " + scope + ".");
        }
        StringBuilder table = new StringBuilder("Targets " + scope + ":");
        for (TargetStatus s : shown) {
            table.append('\n').append(s.target().name()).append(" · ").append(s.state()).append(" since ")
                    .append(Times.format(s.since())).append(" · ").append(s.reason());
            if (s.pending() != null) {
                table.append(" (now seeing ").append(s.pending()).append(", ").append(s.pendingCount()).append("×)");
            }
        }
        return Reply.text(table.toString());
    }

    private static boolean matches(TargetStatus status, String word) {
        return status.target().name().toLowerCase(Locale.ROOT).contains(word)
                || word.equalsIgnoreCase(String.valueOf(status.target().service()))
                || word.equalsIgnoreCase(String.valueOf(status.target().node()));
    }

    /** The incident named, or whose channel this is, if any; health works without one. */
    private static Optional<Incident> implied(Invocation in) {
        return in.namedOrImpliedIncident().flatMap(in.context().store()::find);
    }
}
