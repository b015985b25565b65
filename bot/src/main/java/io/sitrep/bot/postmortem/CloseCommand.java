package io.sitrep.bot.postmortem;

import static io.sitrep.bot.command.CommandContext.data;

import java.time.Instant;
import java.util.List;

import io.sitrep.bot.command.CommandContext;
import io.sitrep.bot.command.IncidentCommand;
import io.sitrep.bot.command.Invocation;
import io.sitrep.bot.command.Reply;
import io.sitrep.bot.command.Written;
import io.sitrep.bot.text.Times;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentChange;
import io.sitrep.incident.IncidentEvent;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.lifecycle.TransitionRequest;

/** {@code close}: publishes the postmortem (POSTMORTEM → CLOSED) once its required fields are set. */
public final class CloseCommand implements IncidentCommand {

    @Override
    public Reply run(Invocation in) {
        CommandContext ctx = in.context();
        Written written = in.writer(c -> published(c, ctx.stakeholderChannel())).apply(in.incident(), IncidentEvent.CLOSE,
                TransitionRequest.NONE,
                (current, t) -> {
                    Instant now = ctx.clock().instant();
                    return new IncidentChange(
                            current.toBuilder().state(t.to()).nextUpdateDueAt(null)
                                    .postmortem(current.postmortem().completedAt(now)).build(),
                            ctx.entry(TimelineKind.STATUS_CHANGED, in.caller(), "postmortem published",
                                    data("from", t.from().name(), "to", t.to().name(), "event", "CLOSE")),
                            ctx.entry(TimelineKind.STAKEHOLDER_UPDATE, in.caller(), current.postmortem().summary(),
                                    data("status", "Postmortem")));
                });
        Incident incident = written.incident();
        return Reply.about(incident.id())
                .toCaller(incident.id() + " is CLOSED; its postmortem is published.")
                .told(written)
                .build();
    }

    /** Stakeholders get the postmortem's summary. */
    private static List<Reply.Post> published(IncidentChange change, String stakeholders) {
        Incident incident = change.incident();
        Instant at = change.entries().get(0).at();
        return List.of(new Reply.Post(stakeholders, "Postmortem — " + incident.id() + " "
                + incident.title() + "\n" + incident.postmortem().summary() + "\nPosted " + Times.statusPost(at)));
    }
}
