package io.sitrep.bot.command;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentNotFoundException;

/** {@code status}: state, severity, roles, clocks, the legal next commands, and posts still owed. */
final class StatusCommand implements IncidentCommand {

    @Override
    public Reply run(Invocation in) {
        IncidentId id = in.incident();
        Incident incident = in.context().store().find(id).orElseThrow(() -> new IncidentNotFoundException(id));
        StringBuilder status = new StringBuilder(
                IncidentTexts.status(incident, in.context().lifecycle().legalEvents(incident.state()), in.now()));
        for (String owed : in.context().deliveries().describe(id, in.now())) {
            status.append('\n').append(owed);
        }
        return Reply.about(id).toCaller(status.toString()).build();
    }
}
