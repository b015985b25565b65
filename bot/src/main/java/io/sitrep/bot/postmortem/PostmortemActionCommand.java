package io.sitrep.bot.postmortem;

import static io.sitrep.bot.command.CommandContext.data;

import io.sitrep.bot.command.CommandContext;
import io.sitrep.bot.command.IncidentCommand;
import io.sitrep.bot.command.Invocation;
import io.sitrep.bot.command.Reply;
import io.sitrep.incident.IncidentChange;
import io.sitrep.incident.IncidentEvent;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.lifecycle.TransitionRequest;

/** {@code postmortem action <text>}: appends a mitigative action. */
public final class PostmortemActionCommand implements IncidentCommand {

    @Override
    public Reply run(Invocation in) {
        String text = in.text("the action's text");
        CommandContext ctx = in.context();
        IncidentChange change = in.writer().apply(in.incident(), IncidentEvent.ADD_MITIGATIVE_ACTION,
                new TransitionRequest(text), (current, t) -> new IncidentChange(
                        current.toBuilder().postmortem(current.postmortem().withAction(text)).build(),
                        ctx.entry(TimelineKind.POSTMORTEM_FIELD, in.caller(), "action: " + text,
                                data("field", "action", "index", current.postmortem().actions().size() + 1))));
        return Reply.about(change.incident().id())
                .toCaller("Mitigative action " + change.incident().postmortem().actions().size() + " added to "
                        + change.incident().id() + ".")
                .build();
    }
}
