package io.sitrep.bot.lifecycle;

import static io.sitrep.bot.command.CommandContext.data;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentChange;
import io.sitrep.incident.IncidentEvent;
import io.sitrep.incident.Severity;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.lifecycle.TransitionRequest;
import io.sitrep.bot.command.CommandContext;
import io.sitrep.bot.command.CommandException;
import io.sitrep.bot.command.IncidentCommand;
import io.sitrep.bot.command.Invocation;
import io.sitrep.bot.command.Reply;

/** {@code sev <1-4>}: changes severity and re-plans the next stakeholder update. */
final class SeverityCommand implements IncidentCommand {

    @Override
    public Reply run(Invocation in) {
        Severity severity = SeverityArgument.parse(in.text("a severity, 1 to 4"));
        CommandContext ctx = in.context();
        IncidentChange change = in.writer().apply(in.incident(), IncidentEvent.CHANGE_SEVERITY,
                TransitionRequest.NONE, (current, t) -> {
                    if (current.severity() == severity) {
                        throw new CommandException(current.id() + " is already " + severity + "; nothing changed.");
                    }
                    return new IncidentChange(
                            current.toBuilder().severity(severity)
                                    .nextUpdateDueAt(ctx.schedule().replan(current, severity)).build(),
                            ctx.entry(TimelineKind.SEVERITY_CHANGED, in.caller(),
                                    current.severity() + " → " + severity,
                                    data("from", current.severity().name(), "to", severity.name())));
                });
        Incident incident = change.incident();
        return Reply.about(incident.id())
                .toCaller(incident.id() + " is now " + severity + ". "
                        + IncidentTexts.updateClock(incident, change.entries().get(0).at()))
                .build();
    }
}
