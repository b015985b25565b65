package io.sitrep.bot.runbook;

import static io.sitrep.bot.command.CommandContext.data;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.sitrep.bot.command.CommandContext;
import io.sitrep.bot.command.CommandException;
import io.sitrep.bot.command.CommandSet;
import io.sitrep.bot.command.IncidentCommand;
import io.sitrep.bot.command.Invocation;
import io.sitrep.bot.command.Reply;
import io.sitrep.bot.command.Written;
import io.sitrep.bot.health.HealthView;
import io.sitrep.bot.text.Times;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentChange;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentNotFoundException;
import io.sitrep.incident.RunbookRun;
import io.sitrep.incident.TimelineKind;
import io.sitrep.integrations.chat.MessageAction;

/**
 * {@code runbook}: progress of the incident's runbooks (or the ones that match it);
 * {@code runbook <id>}: start one; {@code runbook step <n> done|skip|fail [note]}: record a step.
 * A step whose {@code requires} are not done is refused with the reason; a check step passes
 * only when its check holds; a step already settled is refused, so two people pressing Done
 * record one result.
 */
public final class RunbookCommand {

    private final RunbookCatalog runbooks;
    private final HealthView health;

    private RunbookCommand(RunbookCatalog runbooks, HealthView health) {
        this.runbooks = runbooks;
        this.health = health;
    }

    /** @param health what check steps verify themselves against */
    public static CommandSet commands(RunbookCatalog runbooks, HealthView health) {
        RunbookCommand runbook = new RunbookCommand(runbooks, health);
        Map<String, IncidentCommand> commands = new LinkedHashMap<>();
        commands.put("runbook show", runbook::show);
        commands.put("runbook start", runbook::start);
        commands.put("runbook step", runbook::step);
        return new CommandSet(commands);
    }

    /** {@code runbook show}: the progress of what runs, or the runbooks that fit. */
    private Reply show(Invocation in) {
        Incident incident = in.permittedIncident();
        return Reply.about(incident.id()).toCaller(progress(incident, in.context())).build();
    }

    /** {@code runbook start <id>} (or {@code runbook <id>}). */
    private Reply start(Invocation in) {
        IncidentId id = in.incident();
        String runbookId = in.arg(0, "the runbook's id");
        CommandContext ctx = in.context();
        Written written = in.writer(change -> {
            Runbook runbook = loaded(runbookId, ctx);
            return List.of(new Reply.Post(change.incident().channel(),
                    in.caller().name() + " started runbook " + runbook.id() + ": " + runbook.title() + "\n"
                            + next(runbook, change.incident().runbooks().get(runbook.id())),
                    buttons(id, runbook, change.incident().runbooks().get(runbook.id()))));
        }).update(id, current -> {
            // Looked up once the caller may start runbooks here: a refusal says so before anything else.
            Runbook runbook = loaded(runbookId, ctx);
            if (current.runbooks().containsKey(runbook.id())) {
                throw new CommandException(runbook.id() + " is already running on " + id + "; /incident runbook shows it.");
            }
            Instant now = ctx.clock().instant();
            return Optional.of(new IncidentChange(current.toBuilder()
                    .runbook(runbook.id(), new RunbookRun(runbook.title(), in.caller().name(), now, runbook.steps().size(), Map.of())).build(),
                    ctx.entry(TimelineKind.RUNBOOK_STEP, in.caller(), "Started runbook " + runbook.id() + ": "
                            + runbook.title(), data("runbook", runbook.id(), "action", "start"))));
        }).orElseThrow(() -> new IncidentNotFoundException(id));
        Runbook runbook = loaded(runbookId, ctx);
        RunbookRun run = written.incident().runbooks().get(runbook.id());
        return Reply.about(id)
                .toCaller("Started " + runbook.id() + " on " + id + ".\n" + next(runbook, run))
                .told(written)
                .build();
    }

    private Runbook loaded(String runbookId, CommandContext ctx) {
        return runbooks.find(runbookId).orElseThrow(() -> new CommandException("There is no runbook '"
                + runbookId + "'. Runbooks: " + String.join(", ", runbooks.all().stream().map(Runbook::id).toList())
                + "."));
    }

    /** {@code runbook step <n> done|skip|fail [note]}. */
    private Reply step(Invocation in) {
        IncidentId id = in.incident();
        CommandContext ctx = in.context();
        String which = in.arg(0, "the step: its number or id");
        String verb = in.arg(1, "done, skip or fail").toLowerCase(Locale.ROOT);
        String note = in.args().size() > 2 ? String.join(" ", in.args().subList(2, in.args().size())).strip() : null;
        Incident incident = in.permittedIncident();
        Runbook runbook = running(incident, in.flag("runbook"), ctx);
        Runbook.Step step = find(runbook, which);
        RunbookRun.Outcome outcome = switch (verb) {
            case "done" -> RunbookRun.Outcome.DONE;
            case "skip" -> RunbookRun.Outcome.SKIPPED;
            case "fail" -> RunbookRun.Outcome.FAILED;
            default -> throw new CommandException("A step is done, skip or fail, not '" + verb + "'.");
        };
        if (outcome == RunbookRun.Outcome.SKIPPED && step.kind() == Runbook.Kind.CHECK && (note == null || note.isEmpty())) {
            throw new CommandException("Skipping the check step '" + step.id() + "' needs a reason: /incident runbook step "
                    + which + " skip <why>.");
        }
        String evidence = null;
        if (outcome == RunbookRun.Outcome.DONE && step.kind() == Runbook.Kind.CHECK) {
            RunbookChecks.Verdict verdict = RunbookChecks.verify(step.check(), incident, health, ctx.clock().instant());
            evidence = verdict.evidence();
            if (!verdict.passed()) {
                outcome = RunbookRun.Outcome.FAILED; // the check decides: recorded, and the step stays open
            }
        }
        RunbookRun.Outcome recorded = outcome;
        String seen = evidence;
        Written written = in.writer(change -> {
            RunbookRun run = change.incident().runbooks().get(runbook.id());
            return List.of(new Reply.Post(change.incident().channel(), in.caller().name() + ": " + runbook.id()
                    + " · " + step.id() + " " + recorded.name().toLowerCase(Locale.ROOT) + "\n" + next(runbook, run),
                    buttons(id, runbook, run)));
        }).update(id, current -> {
            RunbookRun run = current.runbooks().get(runbook.id());
            RunbookRun.StepResult before = run.results().get(step.id());
            if (run.settled(step.id())) {
                throw new CommandException("Step " + step.id() + " is already " + before.outcome().name().toLowerCase(
                        Locale.ROOT) + " (" + before.by() + ", " + Times.format(before.at()) + ").");
            }
            List<String> open = step.requires().stream().filter(r -> !run.settled(r)).toList();
            if (!open.isEmpty() && recorded != RunbookRun.Outcome.FAILED) {
                throw new CommandException("Step " + step.id() + " needs " + String.join(", ", open) + " done first.");
            }
            Instant now = ctx.clock().instant();
            RunbookRun next = run.with(step.id(), new RunbookRun.StepResult(recorded, in.caller().name(), now, note, seen));
            String text = runbook.id() + " · " + step.id() + " " + recorded.name().toLowerCase(Locale.ROOT)
                    + (note == null ? "" : ": " + note) + (seen == null ? "" : " [" + seen + "]");
            return Optional.of(new IncidentChange(current.toBuilder().runbook(runbook.id(), next).build(),
                    ctx.entry(TimelineKind.RUNBOOK_STEP, in.caller(), text, data("runbook", runbook.id(), "step", step.id(),
                            "outcome", recorded.name(), "note", note, "evidence", seen))));
        }).orElseThrow(() -> new IncidentNotFoundException(id));
        Reached reached = checkWhenReached(in, written.incident(), runbook);
        RunbookRun run = ctx.store().find(id).orElseThrow(() -> new IncidentNotFoundException(id)).runbooks()
                .get(runbook.id());
        String said = recorded == RunbookRun.Outcome.FAILED && outcome == RunbookRun.Outcome.FAILED && evidence != null
                ? "The check did not hold: " + evidence + ". The step stays open; try again when it does."
                : "Recorded: " + step.id() + " " + recorded.name().toLowerCase(Locale.ROOT)
                        + (evidence == null ? "" : " (" + evidence + ")") + ".";
        Reply.Builder reply = Reply.about(id).toCaller(said + reached.said() + "\n" + next(runbook, run)).told(written);
        reached.written().ifPresent(reply::told);
        return reply.build();
    }

    private Runbook running(Incident incident, Optional<String> named, CommandContext ctx) {
        if (incident.runbooks().isEmpty()) {
            throw new CommandException(incident.id() + " runs no runbook; start one with /incident runbook <id>.");
        }
        String id = named.orElseGet(() -> {
            if (incident.runbooks().size() > 1) {
                throw new CommandException("Several runbooks run on " + incident.id() + " (" + String.join(", ",
                        incident.runbooks().keySet()) + "); say which with --runbook <id>.");
            }
            return incident.runbooks().keySet().iterator().next();
        });
        if (!incident.runbooks().containsKey(id)) {
            throw new CommandException(id + " is not running on " + incident.id() + ".");
        }
        return runbooks.find(id).orElseThrow(() -> new CommandException("The runbook " + id
                + " is no longer loaded; its progress is on the timeline."));
    }

    private static Runbook.Step find(Runbook runbook, String which) {
        try {
            int n = Integer.parseInt(which);
            if (n >= 1 && n <= runbook.steps().size()) {
                return runbook.steps().get(n - 1);
            }
        } catch (NumberFormatException notANumber) {
            for (Runbook.Step step : runbook.steps()) {
                if (step.id().equals(which)) {
                    return step;
                }
            }
        }
        throw new CommandException(runbook.id() + " has no step '" + which + "'; its steps are 1-" + runbook.steps().size()
                + ".");
    }

    /**
     * A check step verifies itself when it becomes the current step: if its check holds it is
     * recorded done (by Sitrep, with the evidence); if not, nothing is recorded and the answer
     * says what was seen.
     */
    private Reached checkWhenReached(Invocation in, Incident incident, Runbook runbook) {
        RunbookRun run = incident.runbooks().get(runbook.id());
        Runbook.Step current = runbook.steps().stream().filter(s -> !run.settled(s.id())).findFirst().orElse(null);
        if (current == null || current.kind() != Runbook.Kind.CHECK
                || !current.requires().stream().allMatch(run::settled)) {
            return Reached.NOTHING;
        }
        CommandContext ctx = in.context();
        RunbookChecks.Verdict verdict = RunbookChecks.verify(current.check(), incident, health, ctx.clock().instant());
        if (!verdict.passed()) {
            return new Reached("\nThe next step checks itself and does not hold yet: " + verdict.evidence() + ".",
                    Optional.empty());
        }
        Optional<Written> written = in.writer(change -> {
            RunbookRun after = change.incident().runbooks().get(runbook.id());
            return List.of(new Reply.Post(change.incident().channel(), runbook.id() + " · " + current.id()
                    + " checked itself and holds: " + verdict.evidence() + "\n" + next(runbook, after),
                    buttons(incident.id(), runbook, after)));
        }).update(incident.id(), latest -> {
            RunbookRun now = latest.runbooks().get(runbook.id());
            if (now == null || now.settled(current.id())) {
                return Optional.empty(); // someone settled it meanwhile
            }
            Instant at = ctx.clock().instant();
            return Optional.of(new IncidentChange(latest.toBuilder().runbook(runbook.id(), now.with(current.id(),
                    new RunbookRun.StepResult(RunbookRun.Outcome.DONE, "sitrep", at, "checked when reached",
                            verdict.evidence()))).build(),
                    new io.sitrep.incident.TimelineEntry(at, at, TimelineKind.RUNBOOK_STEP, "sitrep", "runbook",
                            runbook.id() + " · " + current.id() + " done [" + verdict.evidence() + "]",
                            data("runbook", runbook.id(), "step", current.id(), "outcome", "DONE",
                                    "evidence", verdict.evidence()))));
        });
        return new Reached("\nThe next step, " + current.id() + ", checked itself and holds: " + verdict.evidence()
                + ".", written);
    }

    /** What reaching a check step said, and the change it wrote, if any. */
    private record Reached(String said, Optional<Written> written) {
        static final Reached NOTHING = new Reached("", Optional.empty());
    }

    /** Done / Skip / Failed for the first open step, as commands of the grammar. */
    private static List<MessageAction> buttons(IncidentId id, Runbook runbook, RunbookRun run) {
        for (int i = 0; i < runbook.steps().size(); i++) {
            if (!run.settled(runbook.steps().get(i).id())) {
                String step = "runbook " + id + " step " + (i + 1) + " ";
                String which = " --runbook " + runbook.id();
                return List.of(new MessageAction("Done", step + "done" + which),
                        new MessageAction("Skip", step + "skip" + which),
                        new MessageAction("Failed", step + "fail" + which));
            }
        }
        return List.of();
    }

    /** The first step not yet settled, with its instructions and warning. */
    private static String next(Runbook runbook, RunbookRun run) {
        for (int i = 0; i < runbook.steps().size(); i++) {
            Runbook.Step step = runbook.steps().get(i);
            if (!run.settled(step.id())) {
                return "Step " + (i + 1) + "/" + runbook.steps().size() + " · " + step.title() + " (" + step.kind().name()
                        .toLowerCase(Locale.ROOT) + ")" + (step.instructions() == null ? "" : "\n" + step.instructions().strip())
                        + (step.warn() == null ? "" : "\n⚠ " + step.warn())
                        + "\n/incident runbook step " + (i + 1) + " done|skip|fail [note]";
            }
        }
        return "All " + runbook.steps().size() + " steps of " + runbook.id() + " are settled.";
    }

    private String progress(Incident incident, CommandContext ctx) {
        if (incident.runbooks().isEmpty()) {
            List<Runbook> matching = runbooks.matching(incident, null, Map.of());
            return incident.id() + " runs no runbook. " + (matching.isEmpty() ? "None matches it; all: "
                    + String.join(", ", runbooks.all().stream().map(Runbook::id).toList())
                    : "Suggested: " + String.join(", ", matching.stream().map(r -> r.id() + " (" + r.title() + ")").toList()))
                    + ". Start one with /incident runbook <id>.";
        }
        StringBuilder s = new StringBuilder();
        incident.runbooks().forEach((id, run) -> {
            Optional<Runbook> runbook = runbooks.find(id);
            long settled = run.results().keySet().stream().filter(run::settled).count();
            s.append(s.isEmpty() ? "" : "\n\n").append(id).append(" · ").append(settled).append('/')
                    .append(runbook.map(r -> r.steps().size()).orElse(0)).append(" settled · started by ")
                    .append(run.startedBy()).append(' ').append(Times.format(run.startedAt()));
            runbook.ifPresent(r -> s.append('\n').append(next(r, run)));
        });
        return s.toString();
    }
}
