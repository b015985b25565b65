package io.sitrep.bot.command;

import java.util.List;

import io.sitrep.incident.Incident;

/** {@code list}: the incidents that are neither closed nor cancelled. */
final class ListCommand implements IncidentCommand {

    @Override
    public String name() {
        return "list";
    }

    @Override
    public String usage() {
        return "list";
    }

    @Override
    public String summary() {
        return "open incidents";
    }

    @Override
    public Reply run(Invocation in) {
        List<Incident> open = in.context().store().findOpen();
        if (open.isEmpty()) {
            return Reply.text("No open incidents.");
        }
        StringBuilder s = new StringBuilder(open.size() + (open.size() == 1 ? " open incident:" : " open incidents:"));
        for (Incident incident : open) {
            s.append('\n').append(IncidentTexts.headline(incident)).append(" · #").append(incident.channel())
                    .append(" · commander ").append(incident.roles().getOrDefault(io.sitrep.incident.Role.COMMANDER, "—"));
        }
        return Reply.text(s.toString());
    }
}
