package io.sitrep.bot.postmortem;

import static io.sitrep.bot.command.CommandContext.data;

import io.sitrep.bot.command.CommandContext;
import io.sitrep.bot.command.CommandException;
import io.sitrep.bot.command.IncidentCommand;
import io.sitrep.bot.command.Invocation;
import io.sitrep.bot.command.Reply;
import io.sitrep.incident.IncidentChange;
import io.sitrep.incident.IncidentEvent;
import io.sitrep.incident.Postmortem;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.lifecycle.TransitionRequest;

/** {@code postmortem set <field> <text>}: fills one postmortem field; setting it again replaces it. */
public final class PostmortemSetCommand implements IncidentCommand {

    @Override
    public Reply run(Invocation in) {
        String fieldWord = in.arg(0, "a field (" + Postmortem.Field.allWords() + ")");
        Postmortem.Field field = Postmortem.Field.tryParse(fieldWord).orElseThrow(() -> new CommandException(
                "'" + fieldWord + "' is not a postmortem field. Fields: " + Postmortem.Field.allWords() + "."));
        String text = in.textFrom(1, "the " + field.word() + " text");
        CommandContext ctx = in.context();
        IncidentChange change = in.writer().apply(in.incident(), IncidentEvent.SET_POSTMORTEM_FIELD,
                new TransitionRequest(text), (current, t) -> new IncidentChange(
                        current.toBuilder().postmortem(current.postmortem().withField(field, text)).build(),
                        ctx.entry(TimelineKind.POSTMORTEM_FIELD, in.caller(), field.word() + ": " + text,
                                data("field", field.word()))));
        return Reply.about(change.incident().id())
                .toCaller("Postmortem " + field.word() + " of " + change.incident().id() + " set.")
                .build();
    }
}
