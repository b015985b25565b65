package io.sitrep.bot.lifecycle;

import static io.sitrep.bot.command.CommandContext.data;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import io.sitrep.bot.text.Times;
import io.sitrep.incident.IncidentChange;
import io.sitrep.incident.IncidentEvent;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.lifecycle.TransitionRequest;
import io.sitrep.bot.command.CommandContext;
import io.sitrep.bot.command.IncidentCommand;
import io.sitrep.bot.command.Invocation;
import io.sitrep.bot.command.Reply;

/** {@code note <text> [--at T]}: adds to the timeline, backfilled to {@code T} when given. */
final class NoteCommand implements IncidentCommand {

    @Override
    public Reply run(Invocation in) {
        String text = in.text("the note's text");
        Optional<Instant> at = in.pastTimeFlag("at");
        CommandContext ctx = in.context();
        IncidentChange change = in.writer().apply(in.incident(), IncidentEvent.ADD_NOTE, new TransitionRequest(text),
                (current, t) -> {
                    TimelineEntry now = ctx.entry(TimelineKind.NOTE, in.caller(), text,
                            data("backfilled", at.isPresent() ? Boolean.TRUE : null));
                    TimelineEntry entry = at.map(when -> new TimelineEntry(when, now.recordedAt(), now.kind(),
                            now.actor(), now.source(), now.text(), now.data())).orElse(now);
                    return new IncidentChange(current.toBuilder().build(), entry);
                });
        TimelineEntry entry = change.entries().get(0);
        return Reply.about(change.incident().id())
                .toCaller("Noted on " + change.incident().id() + "'s timeline at " + Times.format(entry.at()) + ".")
                .build();
    }
}
