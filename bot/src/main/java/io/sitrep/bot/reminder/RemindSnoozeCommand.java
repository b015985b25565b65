package io.sitrep.bot.reminder;

import static io.sitrep.bot.command.CommandContext.data;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.sitrep.bot.command.CommandContext;
import io.sitrep.bot.command.CommandException;
import io.sitrep.bot.command.CommandSet;
import io.sitrep.bot.command.IncidentCommand;
import io.sitrep.bot.command.Invocation;
import io.sitrep.bot.command.Reply;
import io.sitrep.bot.text.Times;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentChange;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentNotFoundException;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.UpdateSchedule;

/**
 * {@code remind snooze <minutes>}: no reminder (and no escalation) before then, once. Bounded,
 * so that a snooze can't quietly switch the update promise off.
 */
public final class RemindSnoozeCommand implements IncidentCommand {

    static final int MAX_MINUTES = 120;

    public static CommandSet commands() {
        return CommandSet.of("remind snooze", new RemindSnoozeCommand());
    }

    @Override
    public Reply run(Invocation in) {
        int minutes = minutes(in.arg(0, "the minutes to snooze, 1-" + MAX_MINUTES));
        IncidentId id = in.incident();
        CommandContext ctx = in.context();
        Instant[] until = new Instant[1];
        Optional<IncidentChange> change = in.writer().update(id, current -> {
            if (!UpdateSchedule.owesUpdates(current.state())) {
                throw new CommandException(id + " is " + current.state() + ": no update reminders run in that state, "
                        + "so there is nothing to snooze.");
            }
            Instant now = ctx.clock().instant();
            until[0] = now.plus(Duration.ofMinutes(minutes));
            Incident next = current.toBuilder().reminders(current.reminders().snoozedUntil(until[0])).build();
            return Optional.of(new IncidentChange(next, ctx.entry(TimelineKind.REMINDER, in.caller(),
                    "Reminders snoozed for " + minutes + " min, until " + Times.format(until[0]),
                    data("action", "snooze", "snoozedUntil", until[0].toString(), "minutes", minutes))));
        });
        if (change.isEmpty()) {
            throw new IncidentNotFoundException(id);
        }
        return Reply.about(id)
                .toCaller("No reminder for " + id + " before " + Times.format(until[0]) + ". An update still resets the clock.")
                .build();
    }

    private static int minutes(String text) {
        try {
            int minutes = Integer.parseInt(text.strip());
            if (minutes >= 1 && minutes <= MAX_MINUTES) {
                return minutes;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new CommandException("Snooze takes whole minutes from 1 to " + MAX_MINUTES + ", e.g. /incident remind snooze 15"
                + " (you gave '" + text + "').");
    }
}
