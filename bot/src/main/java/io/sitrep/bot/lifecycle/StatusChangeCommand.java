package io.sitrep.bot.lifecycle;

import static io.sitrep.bot.command.CommandContext.data;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentChange;
import io.sitrep.incident.IncidentEvent;
import io.sitrep.incident.Role;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.lifecycle.TransitionRequest;
import io.sitrep.bot.command.CommandContext;
import io.sitrep.bot.command.CommandException;
import io.sitrep.bot.command.IncidentCommand;
import io.sitrep.bot.command.Invocation;
import io.sitrep.bot.command.Reply;
import io.sitrep.bot.command.Written;

/**
 * The lifecycle commands that move an incident with a sentence: accept, cancel, identified,
 * monitoring, resolved, reopen. They differ only in their event, their argument and what they
 * remember, so one class serves them all (see {@link #all()}).
 *
 * <p>Each one that carries text is also a stakeholder post: it restarts the update clock.
 */
final class StatusChangeCommand implements IncidentCommand {

    private final String name;
    private final IncidentEvent event;
    private final String argument;
    private final BiFunction<Incident.Builder, String, Incident.Builder> remember;

    private StatusChangeCommand(String name, IncidentEvent event, String argument,
                                BiFunction<Incident.Builder, String, Incident.Builder> remember) {
        this.name = name;
        this.event = event;
        this.argument = argument;
        this.remember = remember;
    }

    /** Each lifecycle command by its name in the spec. */
    static Map<String, IncidentCommand> all() {
        Map<String, IncidentCommand> all = new LinkedHashMap<>();
        for (StatusChangeCommand command : List.of(
                new StatusChangeCommand("accept", IncidentEvent.ACCEPT, null, (b, t) -> b),
                new StatusChangeCommand("cancel", IncidentEvent.CANCEL, "a reason", (b, t) -> b),
                new StatusChangeCommand("identified", IncidentEvent.IDENTIFY, "the root cause", Incident.Builder::rootCause),
                new StatusChangeCommand("monitoring", IncidentEvent.MONITOR, "what was done", (b, t) -> b),
                new StatusChangeCommand("resolved", IncidentEvent.RESOLVE, "the resolution", Incident.Builder::resolution),
                new StatusChangeCommand("reopen", IncidentEvent.REOPEN, "a reason", (b, t) -> b))) {
            all.put(command.name, command);
        }
        return all;
    }

    @Override
    public Reply run(Invocation in) {
        String text = argument == null ? "" : in.text(argument);
        String force = in.flag("force").map(String::strip).orElse(null);
        if (force != null && force.isEmpty()) {
            throw new CommandException("--force needs a reason, e.g. --force \"health source is down\".");
        }
        CommandContext ctx = in.context();
        // The lifecycle's guards decide, the health guard of resolved among them (--force overrides it).
        Written written = in.writer(change -> told(in, change, text)).apply(in.incident(), event,
                new TransitionRequest(text, force), (current, t) -> {
            Instant now = ctx.clock().instant();
            Incident.Builder next = remember.apply(current.toBuilder().state(t.to()), text);
            if (event == IncidentEvent.ACCEPT) {
                next.role(Role.COMMANDER, in.caller().reference()); // who takes a triaged incident on commands it
            }
            List<TimelineEntry> entries = new ArrayList<>();
            entries.add(ctx.entry(TimelineKind.STATUS_CHANGED, in.caller(), argument == null ? name : text,
                    data("from", t.from().name(), "to", t.to().name(), "event", event.name(), "force", force)));
            if (argument != null) {
                next.lastUpdate(now, text).nextUpdateDueAt(ctx.schedule().dueAfterUpdate(t.to(), current.severity(), now));
                entries.add(ctx.entry(TimelineKind.STAKEHOLDER_UPDATE, in.caller(), text,
                        data("status", t.to().label())));
            } else {
                next.nextUpdateDueAt(ctx.schedule().firstDue(t.to(), current.severity(), now));
            }
            return new IncidentChange(next.build(), entries);
        });
        Incident incident = written.incident();
        return Reply.about(incident.id())
                .toCaller(incident.id() + " is now " + incident.state() + (force == null ? "" : " (forced: " + force + ")")
                        + ". " + IncidentTexts.updateClock(incident, written.change().entries().get(0).at()))
                .told(written)
                .build();
    }

    /** The incident's channel hears of the move (unless it was typed there); stakeholders get the update, if any. */
    private List<Reply.Post> told(Invocation in, IncidentChange change, String text) {
        Incident incident = change.incident();
        List<Reply.Post> posts = new ArrayList<>();
        if (!in.channel().equals(incident.channel())) {
            posts.add(new Reply.Post(incident.channel(), in.caller().name() + " moved " + incident.id() + " to "
                    + incident.state() + (argument == null ? "" : ": " + text)));
        }
        if (argument != null) {
            posts.add(new Reply.Post(in.context().stakeholderChannel(),
                    IncidentTexts.statusPost(incident, text, change.entries().get(0).at())));
        }
        return posts;
    }
}
