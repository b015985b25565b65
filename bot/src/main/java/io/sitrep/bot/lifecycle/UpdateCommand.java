package io.sitrep.bot.lifecycle;

import static io.sitrep.bot.command.CommandContext.data;

import java.time.Instant;
import java.util.List;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentChange;
import io.sitrep.incident.IncidentEvent;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.lifecycle.TransitionRequest;
import io.sitrep.bot.command.CommandContext;
import io.sitrep.bot.command.IncidentCommand;
import io.sitrep.bot.command.Invocation;
import io.sitrep.bot.command.Reply;
import io.sitrep.bot.command.Written;

/** {@code update <text>}: a stakeholder update, stored as a status post with the status at the time. */
final class UpdateCommand implements IncidentCommand {

    @Override
    public Reply run(Invocation in) {
        String text = in.text("the update's text");
        CommandContext ctx = in.context();
        Written written = in.writer(change -> List.of(new Reply.Post(ctx.stakeholderChannel(),
                        IncidentTexts.statusPost(change.incident(), text, change.entries().get(0).at()))))
                .apply(in.incident(), IncidentEvent.POST_UPDATE,
                new TransitionRequest(text), (current, t) -> {
                    Instant now = ctx.clock().instant();
                    return new IncidentChange(
                            current.toBuilder().lastUpdate(now, text)
                                    .nextUpdateDueAt(ctx.schedule().dueAfterUpdate(current.state(), current.severity(), now))
                                    .build(),
                            ctx.entry(TimelineKind.STAKEHOLDER_UPDATE, in.caller(), text,
                                    data("status", current.state().label())));
                });
        Incident incident = written.incident();
        Instant at = written.change().entries().get(0).at();
        return Reply.about(incident.id())
                .toCaller("Posted to #" + ctx.stakeholderChannel() + ". " + IncidentTexts.updateClock(incident, at))
                .told(written)
                .build();
    }
}
