package io.sitrep.bot.paging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.sitrep.bot.command.CommandException;
import io.sitrep.bot.command.CommandSet;
import io.sitrep.bot.command.IncidentCommand;
import io.sitrep.bot.command.Invocation;
import io.sitrep.bot.command.Reply;
import io.sitrep.bot.command.Written;
import io.sitrep.bot.oncall.Person;
import io.sitrep.bot.text.ChannelNames;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentChange;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentNotFoundException;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.ReminderPlan;
import io.sitrep.incident.Severity;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.Visibility;
import io.sitrep.incident.paging.Page;
import io.sitrep.incident.paging.Paging;

import static io.sitrep.bot.command.CommandContext.data;

/**
 * {@code /incident page <target> [message]}: pages a person, a schedule's on-call or a policy
 * for the incident (anyone may: asking for help is never refused); {@code /incident ack}:
 * acknowledges its pages (a paged person or a role holder). Outside an incident, a page opens
 * a private one in triage to carry it. The page itself is notified by the
 * clock a moment later, from the change written here, so it is as durable as the change.
 */
public final class PagingCommands {

    private final PageTargets targets;

    private PagingCommands(PageTargets targets) {
        this.targets = targets;
    }

    /** @param targets null where on-call is not set up: paging then says so */
    public static CommandSet commands(PageTargets targets) {
        PagingCommands paging = new PagingCommands(targets);
        Map<String, IncidentCommand> commands = new LinkedHashMap<>();
        commands.put("page", paging::page);
        commands.put("ack", PagingCommands::ack);
        return new CommandSet(commands);
    }

    private Reply page(Invocation in) {
        if (targets == null) {
            throw new CommandException("Nobody can be paged: set sitrep.oncall.dir to the directory of people, "
                    + "schedules and escalation policies.");
        }
        PageTargets.Target target = parse(in.arg(0, "whom to page: @user, a person's key, schedule:<id> or policy:<id>"));
        String message = in.args().size() > 1 ? in.textFrom(1, "what they should know") : null;
        String shown = target.policy() != null ? "policy:" + target.policy() : target.target();
        Optional<IncidentId> named = in.namedOrImpliedIncident();
        if (named.isEmpty()) {
            return pageOfItsOwn(in, target, shown, message);
        }
        IncidentId id = named.get();
        Written written = in.writer(change -> told(in, change, shown)).update(id, current -> {
            if (!ReminderPlan.pagesRun(current.state())) {
                throw new CommandException(current.id() + " is " + current.state() + "; pages are for incidents still "
                        + "being worked on.");
            }
            String reason = in.caller().name() + " asks for help with " + current.id() + " " + current.title()
                    + (message == null ? "" : ": " + message);
            Page page = Page.requested(current.paging().nextId(), reason, in.caller().reference(),
                    target.target() == null ? List.of() : List.of(target.target()), target.policy(), in.now());
            Incident next = current.toBuilder().paging(current.paging().with(page)).build();
            return Optional.of(new IncidentChange(next, in.context().entry(TimelineKind.PAGED, in.caller(),
                    in.caller().name() + " paged " + shown + (message == null ? "" : ": " + message),
                    data("page", page.id(), "requested", true, "target", shown))));
        }).orElseThrow(() -> new IncidentNotFoundException(id));
        Page page = written.incident().paging().pages().get(written.incident().paging().pages().size() - 1);
        return Reply.about(written.incident().id())
                .toCaller("Paging " + shown + " for " + written.incident().id() + " (" + page.id() + "): notified within "
                        + "seconds, escalated until someone acknowledges. /incident status shows who was paged."
                        + unreachable(target, in))
                .told(written)
                .build();
    }

    /**
     * A page asked for outside any incident gets an incident of its own to live on: private (never
     * on the status page, no stakeholder post), in triage (whoever answers accepts it or cancels
     * it), so its page has an id, a timeline and the same exactly-once steps as any other.
     */
    private Reply pageOfItsOwn(Invocation in, PageTargets.Target target, String shown, String message) {
        String title = "Page from " + in.caller().name() + (message == null ? "" : ": " + message);
        Instant now = in.now();
        Written written = in.writer(change -> List.of(new Reply.Post(change.incident().channel(),
                change.entries().get(1).text()))).declare(id -> {
            Page page = Page.requested(Paging.NONE.nextId(), title, in.caller().reference(),
                    target.target() == null ? List.of() : List.of(target.target()), target.policy(), now);
            Incident incident = Incident.builder(id, IncidentState.TRIAGE, Severity.DEFAULT, now)
                    .title(title).channel(ChannelNames.forIncident(id.number(), title)).declaredBy(in.caller().name())
                    .visibility(Visibility.PRIVATE).detectedAt(now)
                    .nextUpdateDueAt(in.context().schedule().firstDue(IncidentState.TRIAGE, Severity.DEFAULT, now))
                    .platforms(Set.of(in.caller().platform())).paging(Paging.NONE.with(page)).build();
            return new IncidentChange(incident, List.of(
                    in.context().entry(TimelineKind.DECLARED, in.caller(), title,
                            data("state", IncidentState.TRIAGE.name(), "severity", Severity.DEFAULT.name(), "private", true,
                                    "page", page.id())),
                    in.context().entry(TimelineKind.PAGED, in.caller(), in.caller().name() + " paged " + shown
                            + (message == null ? "" : ": " + message), data("page", page.id(), "requested", true,
                            "target", shown))));
        });
        Incident incident = written.incident();
        return Reply.about(incident.id())
                .toCaller("Paging " + shown + " as " + incident.id() + "/P1: notified within seconds, escalated until "
                        + "someone acknowledges (/incident ack " + incident.id() + "). " + incident.id()
                        + " is private and in triage in #" + incident.channel() + "; accept it to work on it there, or "
                        + "cancel it when the page is done with." + unreachable(target, in))
                .told(written)
                .invite(incident.channel())
                .build();
    }

    private PageTargets.Target parse(String typed) {
        try {
            return targets.parse(typed);
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage());
        }
    }

    /** Said at once, not only on the timeline: someone the caller counts on cannot be woken. */
    private String unreachable(PageTargets.Target target, Invocation in) {
        if (target.target() == null) {
            return "";
        }
        List<String> nobody = new ArrayList<>();
        for (Person person : targets.people(target.target(), in.now())) {
            if (targets.notifications(person, 0, 0, in.now()).isEmpty()) {
                nobody.add(person.key());
            }
        }
        if (targets.people(target.target(), in.now()).isEmpty()) {
            return "\nNobody is on call for " + target.target() + " right now.";
        }
        return nobody.isEmpty() ? "" : "\nWarning: " + String.join(", ", nobody)
                + " cannot be reached: people.yml gives no contact method that is set up here (Slack, Discord, email, "
                + "webhook, PagerDuty).";
    }

    private static List<Reply.Post> told(Invocation in, IncidentChange change, String what) {
        Incident incident = change.incident();
        if (in.channel().equals(incident.channel())) {
            return List.of();
        }
        return List.of(new Reply.Post(incident.channel(), change.entries().get(0).text()));
    }

    private static Reply ack(Invocation in) {
        IncidentId id = in.incident();
        String how = in.flag("button").isPresent() ? Acknowledgements.BUTTON : Acknowledgements.COMMAND;
        Written written = in.writer(change -> told(in, change, "")).update(id, current ->
                Optional.of(Acknowledgements.change(current, in.caller().reference(), in.caller().name(),
                        in.caller().source(), how, in.now())
                        .orElseThrow(() -> new CommandException(Acknowledgements.nothingToAcknowledge(current)))))
                .orElseThrow(() -> new IncidentNotFoundException(id));
        return Reply.about(id).toCaller(written.change().entries().get(0).text()).told(written).build();
    }
}
