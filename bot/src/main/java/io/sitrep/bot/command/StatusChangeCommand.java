package io.sitrep.bot.command;

import static io.sitrep.bot.command.CommandContext.data;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentChange;
import io.sitrep.incident.IncidentEvent;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.lifecycle.TransitionRequest;

/**
 * The lifecycle commands that move an incident with a sentence: accept, cancel, identified,
 * monitoring, resolved, reopen. They differ only in their event, their argument and what they
 * remember, so one class serves them all (see {@link #all()}).
 *
 * <p>Each one that carries text is also a stakeholder post: it restarts the update clock.
 */
final class StatusChangeCommand implements IncidentCommand {

    private final String name;
    private final String usage;
    private final String summary;
    private final IncidentEvent event;
    private final String argument;
    private final Set<String> flags;
    private final BiFunction<Incident.Builder, String, Incident.Builder> remember;

    private StatusChangeCommand(String name, String usage, String summary, IncidentEvent event, String argument,
                                Set<String> flags, BiFunction<Incident.Builder, String, Incident.Builder> remember) {
        this.name = name;
        this.usage = usage;
        this.summary = summary;
        this.event = event;
        this.argument = argument;
        this.flags = flags;
        this.remember = remember;
    }

    static List<IncidentCommand> all() {
        return List.of(
                new StatusChangeCommand("accept", "accept", "take a triaged incident on (TRIAGE → INVESTIGATING)",
                        IncidentEvent.ACCEPT, null, Set.of(), (b, t) -> b),
                new StatusChangeCommand("cancel", "cancel <reason>", "cancel a false alarm or duplicate",
                        IncidentEvent.CANCEL, "a reason", Set.of(), (b, t) -> b),
                new StatusChangeCommand("identified", "identified <root cause>", "the cause is known",
                        IncidentEvent.IDENTIFY, "the root cause", Set.of(), Incident.Builder::rootCause),
                new StatusChangeCommand("monitoring", "monitoring <what was done>", "a fix is in; watching it",
                        IncidentEvent.MONITOR, "what was done", Set.of(), (b, t) -> b),
                new StatusChangeCommand("resolved", "resolved <resolution> [--force <reason>]", "service is restored",
                        IncidentEvent.RESOLVE, "the resolution", Set.of("force"), Incident.Builder::resolution),
                new StatusChangeCommand("reopen", "reopen <reason>", "it is not over after all",
                        IncidentEvent.REOPEN, "a reason", Set.of(), (b, t) -> b));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String usage() {
        return usage;
    }

    @Override
    public String summary() {
        return summary;
    }

    @Override
    public Set<String> flags() {
        return flags;
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
        IncidentChange change = in.writer(written -> told(in, written, text)).apply(in.incident(), event,
                new TransitionRequest(text, force), (current, t) -> {
            Instant now = ctx.clock().instant();
            Incident.Builder next = remember.apply(current.toBuilder().state(t.to()), text);
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
        Incident incident = change.incident();
        return Reply.about(incident.id())
                .toCaller(incident.id() + " is now " + incident.state() + (force == null ? "" : " (forced: " + force + ")")
                        + ". " + IncidentTexts.updateClock(incident, change.entries().get(0).at()))
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
