package io.sitrep.bot.followup;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.sitrep.bot.command.CommandException;
import io.sitrep.bot.command.CommandRefusedException;
import io.sitrep.bot.command.CommandSet;
import io.sitrep.bot.command.IncidentCommand;
import io.sitrep.bot.command.Invocation;
import io.sitrep.bot.command.Reply;
import io.sitrep.incident.FollowUp;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentChange;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentNotFoundException;

/**
 * {@code followup list [INC-n]}: the open follow-ups of every incident, or all of one incident's;
 * {@code followup done|drop INC-7/A2 [note]}: the follow-up's owner, the commander or the
 * postmortem owner (or an admin) says it is done or will not be done. Either works at any
 * state of the incident, closed ones above all: follow-ups outlive the incident.
 */
public final class FollowUpCommands {

    /** The most follow-ups a list shows in chat; the API has them all. */
    static final int SHOWN = 25;

    private FollowUpCommands() {
    }

    public static CommandSet commands() {
        Map<String, IncidentCommand> commands = new LinkedHashMap<>();
        commands.put("followup list", FollowUpCommands::list);
        commands.put("followup done", in -> set(in, FollowUp.Status.DONE));
        commands.put("followup drop", in -> set(in, FollowUp.Status.DROPPED));
        return new CommandSet(commands);
    }

    private static Reply list(Invocation in) {
        Optional<IncidentId> one = in.args().isEmpty() ? in.namedOrImpliedIncident()
                : Optional.of(IncidentId.tryParse(in.args().get(0)).orElseThrow(() -> new CommandException(
                        "'" + in.args().get(0) + "' is no incident; write it as INC-7.")));
        LocalDate today = LocalDate.ofInstant(in.now(), ZoneOffset.UTC);
        List<String> lines = new ArrayList<>();
        if (one.isPresent()) {
            Incident incident = in.context().store().find(one.get())
                    .orElseThrow(() -> new IncidentNotFoundException(one.get()));
            incident.postmortem().actions().forEach(a -> lines.add(line(incident.id(), a, today)));
        } else {
            in.context().store().findAll().forEach(incident -> incident.postmortem().actions().stream()
                    .filter(a -> a.status() == FollowUp.Status.OPEN)
                    .forEach(a -> lines.add(line(incident.id(), a, today))));
        }
        String heading = one.map(id -> "Follow-ups of " + id).orElse("Open follow-ups");
        if (lines.isEmpty()) {
            return Reply.text(heading + ": none.");
        }
        String more = lines.size() > SHOWN ? "\n… and " + (lines.size() - SHOWN) + " more (GET /api/followups)" : "";
        return Reply.text(heading + ":\n" + String.join("\n", lines.subList(0, Math.min(SHOWN, lines.size()))) + more);
    }

    /** {@code INC-7/A2 [open, overdue] probe the cache — owner <@U1>, due 2026-03-20, owner/repo#12}. */
    static String line(IncidentId incident, FollowUp action, LocalDate today) {
        return action.id(incident) + " [" + action.status().word() + (action.overdueOn(today) ? ", overdue" : "") + "] "
                + action.text() + " — owner " + (action.owner() == null ? "none" : action.owner())
                + (action.due() == null ? "" : ", due " + action.due())
                + (action.tracker() == null ? "" : ", " + action.tracker().url());
    }

    private static Reply set(Invocation in, FollowUp.Status to) {
        String typed = in.arg(0, "the follow-up's id, like INC-7/A2");
        FollowUpRef ref = FollowUpRef.tryParse(typed).orElseThrow(() -> new CommandException(
                "'" + typed + "' is no follow-up; write it as INC-7/A2 (followup list shows them)."));
        String note = in.args().size() > 1 ? in.textFrom(1, "a note") : null;
        Optional<IncidentChange> change = in.writer().update(ref.incident(), current -> {
            FollowUp action = current.postmortem().action(ref.number()).orElseThrow(() -> new CommandException(
                    current.id() + " has no follow-up A" + ref.number() + "; followup list " + current.id()
                            + " shows its follow-ups."));
            if (!in.caller().is(action.owner()) && !in.may(in.spec(), current)) {
                throw new CommandRefusedException("Only the follow-up's owner (" + (action.owner() == null ? "nobody"
                        : action.owner()) + "), the commander or the postmortem owner, or an admin may mark " + ref
                        + " " + to.word() + ".");
            }
            return FollowUpChanges.status(current, ref.number(), to, in.caller().name(), in.caller().source(), note,
                    in.now());
        });
        if (in.context().store().find(ref.incident()).isEmpty()) {
            throw new IncidentNotFoundException(ref.incident());
        }
        if (change.isEmpty()) {
            return Reply.about(ref.incident()).toCaller(ref + " is " + to.word() + " already.").build();
        }
        return Reply.about(ref.incident()).toCaller(change.get().entries().get(0).text() + ".").build();
    }
}
