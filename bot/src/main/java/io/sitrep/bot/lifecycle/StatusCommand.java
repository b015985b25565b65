package io.sitrep.bot.lifecycle;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.bot.command.IncidentCommand;
import io.sitrep.bot.delivery.DeliveryBacklog;
import io.sitrep.bot.command.Invocation;
import io.sitrep.bot.command.Reply;
import io.sitrep.bot.paging.PagesShown;

/** {@code status}: state, severity, roles, clocks, the legal next commands, the pages, and posts still owed. */
final class StatusCommand implements IncidentCommand {

    private final DeliveryBacklog backlog;

    StatusCommand(DeliveryBacklog backlog) {
        this.backlog = backlog;
    }

    @Override
    public Reply run(Invocation in) {
        Incident incident = in.permittedIncident();
        IncidentId id = incident.id();
        StringBuilder status = new StringBuilder(
                IncidentTexts.status(incident, in.context().lifecycle().legalEvents(incident.state()), in.now()));
        for (String page : PagesShown.lines(incident)) {
            status.append('\n').append(page);
        }
        for (String owed : backlog.describe(id, in.now())) {
            status.append('\n').append(owed);
        }
        return Reply.about(id).toCaller(status.toString()).build();
    }
}
