package io.sitrep.bot.lifecycle;

import static io.sitrep.bot.command.CommandContext.data;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.sitrep.bot.text.Times;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentChange;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.Role;
import io.sitrep.incident.Severity;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.Visibility;
import io.sitrep.bot.runbook.Runbook;
import io.sitrep.bot.runbook.RunbookCatalog;
import io.sitrep.bot.text.ChannelNames;
import io.sitrep.bot.command.CommandContext;
import io.sitrep.bot.command.CommandException;
import io.sitrep.bot.command.IncidentCommand;
import io.sitrep.bot.command.Invocation;
import io.sitrep.bot.command.Reply;
import io.sitrep.bot.command.Written;

/**
 * {@code declare}: opens an incident in its own channel. A person's declaration starts in
 * INVESTIGATING with the declarer as commander, as the first responder usually is.
 */
final class DeclareCommand implements IncidentCommand {

    private final RunbookCatalog runbooks;

    DeclareCommand(RunbookCatalog runbooks) {
        this.runbooks = runbooks;
    }

    @Override
    public Reply run(Invocation in) {
        if (in.namesIncident()) {
            throw new CommandException("declare opens a new incident, so it takes no INC-n; "
                    + "quote the title if it starts with one.");
        }
        String title = in.text("a title");
        Severity severity = in.flag("sev").map(SeverityArgument::parse).orElse(Severity.DEFAULT);
        String service = in.flag("service").map(String::strip).orElse(null);
        String region = in.flag("region").map(String::strip).orElse(null);
        List<String> nodes = in.flagValues("node");
        Instant detectedAt = in.pastTimeFlag("detected-at").orElse(null);
        Instant startedAt = in.pastTimeFlag("started-at").orElse(null);
        boolean hidden = in.flag("private").isPresent();
        if (detectedAt != null && startedAt != null && startedAt.isAfter(detectedAt)) {
            throw new CommandException("--started-at is after --detected-at: impact can't start after it was detected.");
        }
        CommandContext ctx = in.context();
        Instant now = in.now();
        IncidentState state = ctx.lifecycle().declaredState(true);
        Map<Role, String> roles = new EnumMap<>(Role.class);
        roles.put(Role.COMMANDER, in.caller().reference());

        Written written = in.writer(change -> announced(change.incident(), ctx, now)).declare(id -> {
            Incident incident = Incident.builder(id, state, severity, now)
                    .title(title).service(service).region(region).nodes(nodes).roles(roles)
                    .channel(ChannelNames.forIncident(id.number(), title)).declaredBy(in.caller().name())
                    .visibility(hidden ? Visibility.PRIVATE : Visibility.PUBLIC)
                    .detectedAt(detectedAt == null ? now : detectedAt).startedAt(startedAt)
                    .nextUpdateDueAt(ctx.schedule().firstDue(state, severity, now))
                    .platforms(Set.of(in.caller().platform()))
                    .build();
            return new IncidentChange(incident, ctx.entry(TimelineKind.DECLARED, in.caller(), title,
                    data("state", state.name(), "severity", severity.name(), "service", service, "region", region,
                            "private", hidden ? Boolean.TRUE : null,
                            "nodes", nodes.isEmpty() ? null : nodes, "commander", in.caller().name(),
                            "detectedAt", detectedAt == null ? null : detectedAt.toString(),
                            "startedAt", startedAt == null ? null : startedAt.toString())));
        });
        Incident incident = written.incident();
        return Reply.about(incident.id())
                .toCaller("Declared " + IncidentTexts.headline(incident) + "\nChannel: #" + incident.channel()
                        + " · commander " + in.caller().name())
                .told(written)
                .invite(incident.channel())
                .build();
    }

    /** The new channel gets the status and the runbooks that fit; stakeholders hear of the incident. */
    private List<Reply.Post> announced(Incident incident, CommandContext ctx, Instant now) {
        List<Reply.Post> posts = new ArrayList<>();
        posts.add(new Reply.Post(incident.channel(), IncidentTexts.status(incident,
                ctx.lifecycle().legalEvents(incident.state()), now)));
        List<Runbook> matching = runbooks.matching(incident, null, Map.of());
        if (!matching.isEmpty()) {
            posts.add(new Reply.Post(incident.channel(), "Runbooks that fit: " + String.join(", ", matching.stream()
                    .map(r -> r.id() + " (" + r.title() + ")").toList()) + ". Start one with /incident runbook <id>."));
        }
        posts.add(new Reply.Post(ctx.stakeholderChannel(), "New incident " + IncidentTexts.headline(incident)
                + (incident.service() == null ? "" : " · service " + incident.service())
                + "\nFollow #" + incident.channel() + " · first update by " + Times.format(incident.nextUpdateDueAt())));
        return posts;
    }
}
