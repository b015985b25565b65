package io.sitrep.bot.postmortem;

import static io.sitrep.bot.command.CommandContext.data;

import io.sitrep.bot.command.CommandContext;
import io.sitrep.bot.command.IncidentCommand;
import io.sitrep.bot.command.Invocation;
import io.sitrep.bot.command.Reply;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentChange;
import io.sitrep.incident.IncidentEvent;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.lifecycle.TransitionRequest;

/** {@code postmortem start [@owner]}: RESOLVED → POSTMORTEM, with an owner (the caller by default). */
public final class PostmortemStartCommand implements IncidentCommand {

    @Override
    public Reply run(Invocation in) {
        String owner = in.args().isEmpty() ? in.caller().reference() : in.user(0, "an owner");
        CommandContext ctx = in.context();
        IncidentChange change = in.writer().apply(in.incident(), IncidentEvent.START_POSTMORTEM,
                new TransitionRequest(owner), (current, t) -> new IncidentChange(
                        current.toBuilder().state(t.to()).postmortem(current.postmortem().withOwner(owner))
                                .nextUpdateDueAt(null).build(),
                        ctx.entry(TimelineKind.STATUS_CHANGED, in.caller(), "postmortem started, owner " + owner,
                                data("from", t.from().name(), "to", t.to().name(), "event", "START_POSTMORTEM",
                                        "owner", owner))));
        Incident incident = change.incident();
        return Reply.about(incident.id())
                .toCaller(incident.id() + " is now POSTMORTEM, owned by " + owner + ". Fill it in with "
                        + "/incident postmortem set summary|impact|root-cause|resolution|category <text> and "
                        + "/incident postmortem action <text>; then /incident close.")
                .build();
    }
}
