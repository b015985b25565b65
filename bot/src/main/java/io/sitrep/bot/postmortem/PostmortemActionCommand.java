package io.sitrep.bot.postmortem;

import static io.sitrep.bot.command.CommandContext.data;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import io.sitrep.bot.command.CommandContext;
import io.sitrep.bot.command.CommandException;
import io.sitrep.bot.command.IncidentCommand;
import io.sitrep.bot.command.Invocation;
import io.sitrep.bot.command.Reply;
import io.sitrep.bot.command.UserArgument;
import io.sitrep.incident.FollowUp;
import io.sitrep.incident.IncidentChange;
import io.sitrep.incident.IncidentEvent;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.lifecycle.TransitionRequest;

/**
 * {@code postmortem action <text> [--owner @user] [--due DATE]}: adds a follow-up, {@code INC-7/A<k>},
 * open until its owner marks it done or drops it (or its issue is closed in the tracker).
 */
public final class PostmortemActionCommand implements IncidentCommand {

    @Override
    public Reply run(Invocation in) {
        String text = in.text("the action's text");
        String owner = in.flag("owner").map(UserArgument::parse).orElse(null);
        LocalDate due = in.flag("due").map(PostmortemActionCommand::date).orElse(null);
        CommandContext ctx = in.context();
        IncidentChange change = in.writer().apply(in.incident(), IncidentEvent.ADD_MITIGATIVE_ACTION,
                new TransitionRequest(text), (current, t) -> {
                    int number = current.postmortem().nextActionNumber();
                    return new IncidentChange(
                            current.toBuilder().postmortem(current.postmortem().withAction(text, owner, due)).build(),
                            ctx.entry(TimelineKind.POSTMORTEM_FIELD, in.caller(), "action: " + text,
                                    data("field", "action", "index", number)));
                });
        FollowUp added = change.incident().postmortem().actions().get(change.incident().postmortem().actions().size() - 1);
        return Reply.about(change.incident().id())
                .toCaller("Follow-up " + added.id(change.incident().id()) + " added"
                        + (owner == null ? "" : ", owned by " + owner) + (due == null ? "" : ", due " + due) + ".")
                .build();
    }

    private static LocalDate date(String typed) {
        try {
            return LocalDate.parse(typed.strip());
        } catch (DateTimeParseException e) {
            throw new CommandException("--due '" + typed + "' is not a date I can read: use YYYY-MM-DD, like 2026-03-20.");
        }
    }
}
