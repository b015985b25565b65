package io.sitrep.incident.command;

import static io.sitrep.incident.command.Parameter.Choice;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.sitrep.incident.IncidentEvent;

/**
 * The {@code /incident} grammar, written once. Every command, its arguments, flags, summary,
 * example and who may run it are here; the parser, {@code help}, Discord's registration and the
 * command table in docs/commands.md are made from this list, and tests hold them to it.
 */
public final class CommandSpecs {

    static final List<Choice> SEVERITIES = List.of(new Choice("1", "SEV1 (critical)"), new Choice("2", "SEV2 (major)"),
            new Choice("3", "SEV3 (minor)"), new Choice("4", "SEV4 (low)"));
    /** The most minutes {@code remind snooze} takes. */
    public static final long MAX_SNOOZE_MINUTES = 120;

    /**
     * A word that groups verbs ({@code postmortem set}, {@code runbook step}).
     *
     * @param defaultVerb   the verb meant when none is given ({@code runbook} alone shows progress)
     * @param shorthandVerb the verb meant when the next word is no verb of the group:
     *                      {@code runbook db-failover} starts that runbook
     */
    public record Group(String name, String description, Optional<String> defaultVerb, Optional<String> shorthandVerb) {
    }

    public static final List<Group> GROUPS = List.of(
            new Group("runbook", "runbooks: progress, start one, record steps", Optional.of("show"), Optional.of("start")),
            new Group("remind", "the stakeholder-update reminder", Optional.empty(), Optional.empty()),
            new Group("postmortem", "the postmortem: start, set fields, add actions", Optional.empty(), Optional.empty()),
            new Group("oncall", "who is on call, and stand-ins", Optional.of("show"), Optional.of("show")),
            new Group("maintenance", "scheduled maintenance windows", Optional.of("list"), Optional.empty()),
            new Group("followup", "postmortem actions tracked to done", Optional.of("list"), Optional.empty()));

    public static final List<CommandSpec> ALL = List.of(
            spec("declare", "open a new incident (you become its commander)",
                    "declare \"ConnectMe login failures\" --sev 2 --service connectme --region eu-west --node node-3 --detected-at 08:19",
                    false, null, Permission.ANYONE,
                    List.of(Parameter.text("title", "a title: what is wrong, in a few words")),
                    List.of(Parameter.severity("severity", "how bad it is (default SEV3)").asFlag("sev"),
                            Parameter.word("service", "the affected service").asFlag("service"),
                            Parameter.word("region", "the affected region").asFlag("region"),
                            Parameter.word("node", "an affected node (repeat the flag for more)").asFlag("node").allowedRepeatedly(),
                            Parameter.time("detected-at", "when it was noticed: HH:MM (UTC) or 2026-02-26T08:19Z")
                                    .asFlag("detected-at"),
                            Parameter.time("started-at", "when impact began: HH:MM (UTC) or 2026-02-26T08:19Z")
                                    .asFlag("started-at"),
                            Parameter.flagSwitch("private", "keep it off the public status page"))),
            spec("accept", "take a triaged incident on (TRIAGE → INVESTIGATING)", "accept INC-7", true,
                    IncidentEvent.ACCEPT, Permission.ANYONE, List.of(), List.of()),
            spec("cancel", "cancel a false alarm or duplicate", "cancel INC-7 \"duplicate of INC-6\"", true,
                    IncidentEvent.CANCEL, Permission.COMMANDER, List.of(Parameter.text("reason", "a reason")), List.of()),
            spec("identified", "the cause is known", "identified INC-7 \"deadlock in the session cache on node-3\"",
                    true, IncidentEvent.IDENTIFY, Permission.ROLE_HOLDER,
                    List.of(Parameter.text("root cause", "the root cause")), List.of()),
            spec("monitoring", "a fix is in; watching it", "monitoring INC-7 \"node-3 restarted\"", true,
                    IncidentEvent.MONITOR, Permission.ROLE_HOLDER,
                    List.of(Parameter.text("what was done", "what was done")), List.of()),
            spec("resolved", "service is restored", "resolved INC-7 \"logins work again\" --force \"probe source down\"",
                    true, IncidentEvent.RESOLVE, Permission.COMMANDER,
                    List.of(Parameter.text("resolution", "the resolution")),
                    List.of(Parameter.text("reason", "resolve although targets are not healthy: say why").asFlag("force"))),
            spec("reopen", "it is not over after all", "reopen INC-7 \"errors are back\"", true, IncidentEvent.REOPEN,
                    Permission.COMMANDER, List.of(Parameter.text("reason", "a reason")), List.of()),
            spec("update", "post a stakeholder update (restarts the update clock)",
                    "update INC-7 \"Logins fail for some EU users; we are restarting the affected node.\"", true,
                    IncidentEvent.POST_UPDATE, Permission.COMMANDER_OR_COMMS,
                    List.of(Parameter.text("text", "the update's text")), List.of()),
            spec("sev", "change severity (SEV1 is the worst)", "sev INC-7 1", true, IncidentEvent.CHANGE_SEVERITY,
                    Permission.ROLE_HOLDER, List.of(Parameter.severity("severity", "a severity (1 is the worst)")), List.of()),
            spec("assign", "give someone a role", "assign INC-7 comms @bob", true, IncidentEvent.ASSIGN_ROLE,
                    Permission.ROLE_HOLDER,
                    List.of(Parameter.choice("role", "a role", new Choice("commander", "commander"),
                                    new Choice("comms", "comms"), new Choice("scribe", "scribe"),
                                    new Choice("responder", "responder")),
                            Parameter.user("user", "a user to assign")), List.of()),
            spec("note", "add to the timeline (backfill with --at)", "note INC-7 \"probe still green on node-3\" --at 08:30",
                    true, IncidentEvent.ADD_NOTE, Permission.ANYONE,
                    List.of(Parameter.text("text", "the note's text")),
                    List.of(Parameter.time("time", "backfill: HH:MM (UTC) or 2026-02-26T08:19Z").asFlag("at"))),
            spec("status", "state, severity, roles, clocks, legal next commands", "status INC-7", true, null,
                    Permission.ANYONE, List.of(), List.of()),
            spec("list", "open incidents", "list", false, null, Permission.ANYONE, List.of(), List.of()),
            spec("timeline", "the timeline so far", "timeline INC-7", true, null, Permission.ANYONE, List.of(), List.of()),
            spec("postmortem start", "begin the write-up of a resolved incident", "postmortem INC-7 start @carol", true,
                    IncidentEvent.START_POSTMORTEM, Permission.COMMANDER,
                    List.of(Parameter.user("owner", "who owns it (default: you)").optional()), List.of()),
            spec("postmortem set", "fill a postmortem field",
                    "postmortem INC-7 set root-cause \"a deadlocked node passed its liveness probe\"", true,
                    IncidentEvent.SET_POSTMORTEM_FIELD, Permission.ROLE_HOLDER,
                    List.of(Parameter.choice("field", "a field", new Choice("summary", "summary"),
                                    new Choice("impact", "impact"), new Choice("root-cause", "root cause"),
                                    new Choice("resolution", "resolution"), new Choice("category", "category")),
                            Parameter.text("text", "the field's text")), List.of()),
            spec("postmortem action", "add a follow-up action to the postmortem",
                    "postmortem INC-7 action \"probe the session cache, not just the port\" --owner @bob --due 2026-03-20",
                    true, IncidentEvent.ADD_MITIGATIVE_ACTION, Permission.ROLE_HOLDER,
                    List.of(Parameter.text("text", "the action")),
                    List.of(Parameter.user("owner", "who does it").asFlag("owner"),
                            Parameter.word("due", "due date: YYYY-MM-DD").asFlag("due"))),
            spec("followup list", "follow-ups: open ones, or an incident's", "followup list INC-7", false, null,
                    Permission.ANYONE, List.of(Parameter.word("incident", "an incident (default: all open)").optional()),
                    List.of()),
            // Who may is checked by the command: the follow-up's owner is named by its id, not the incident.
            spec("followup done", "mark a follow-up done", "followup done INC-7/A2 \"shipped in 4.2\"", false, null,
                    Permission.FOLLOW_UP_OWNER, List.of(Parameter.word("id", "the follow-up: INC-7/A2"),
                            Parameter.text("note", "a note").optional()), List.of()),
            spec("followup drop", "drop a follow-up (will not be done)", "followup drop INC-7/A2 \"superseded\"", false,
                    null, Permission.FOLLOW_UP_OWNER, List.of(Parameter.word("id", "the follow-up: INC-7/A2"),
                            Parameter.text("note", "why").optional()), List.of()),
            spec("close", "publish the postmortem and close the incident", "close INC-7", true, IncidentEvent.CLOSE,
                    Permission.COMMANDER_OR_POSTMORTEM_OWNER, List.of(), List.of()),
            spec("remind snooze", "hold the next update reminder for a while, once", "remind INC-7 snooze 15", true, null,
                    Permission.ROLE_HOLDER,
                    List.of(Parameter.integer("minutes", 1, MAX_SNOOZE_MINUTES, "how many minutes")), List.of()),
            spec("export", "the postmortem document (DRAFT until closed)", "export INC-7 md", true, null,
                    Permission.ANYONE, List.of(Parameter.choice("format", "a format", new Choice("md", "Markdown"),
                            new Choice("json", "JSON"), new Choice("html", "HTML"))), List.of()),
            spec("health", "what the health watch sees", "health INC-7 node-3", true, null, Permission.ANYONE,
                    List.of(Parameter.word("target", "a service or node").optional()), List.of()),
            spec("runbook show", "runbook progress, or the runbooks that fit", "runbook INC-7 show", true, null,
                    Permission.ANYONE, List.of(), List.of()),
            spec("runbook start", "start a runbook and work through its steps", "runbook INC-7 start db-failover", true,
                    null, Permission.ROLE_HOLDER, List.of(Parameter.word("runbook", "the runbook's id")), List.of()),
            spec("runbook step", "record a runbook step", "runbook INC-7 step 3 skip \"already drained\" --runbook db-failover",
                    true, null, Permission.ROLE_HOLDER,
                    List.of(Parameter.word("step", "the step: its number or id"),
                            Parameter.choice("outcome", "done, skip or fail", new Choice("done", "done"),
                                    new Choice("skip", "skip"), new Choice("fail", "fail")),
                            Parameter.text("note", "a note (a skipped check needs a reason)").optional()),
                    List.of(Parameter.word("runbook", "which runbook, when several run").asFlag("runbook"))),
            spec("oncall show", "who is on call now and next, per layer, with overrides", "oncall show platform --at 2027-03-28T09:00Z",
                    false, null, Permission.ANYONE, List.of(Parameter.word("schedule", "a schedule's id").optional()),
                    List.of(Parameter.time("time", "another time: HH:MM (UTC) or 2027-03-28T09:00Z").asFlag("at"))),
            // The schedule's people and admins may: checked by the command, as no incident is involved.
            spec("oncall override", "someone stands in on a schedule for a while (its people and admins)",
                    "oncall override platform @bea --from 2027-03-28T09:00Z --to 2027-03-29T09:00Z", false, null,
                    Permission.ANYONE, List.of(Parameter.word("schedule", "a schedule's id"),
                            Parameter.user("user", "who stands in: @user or their key in people.yml")),
                    List.of(Parameter.time("from", "when it starts: HH:MM (UTC) or 2027-03-28T09:00Z").asFlag("from"),
                            Parameter.time("to", "when it ends: HH:MM (UTC) or 2027-03-29T09:00Z").asFlag("to"))),
            spec("oncall remove", "take an override back (its schedule's people and admins)", "oncall remove platform 3f9c2a1b",
                    false, null, Permission.ANYONE, List.of(Parameter.word("schedule", "a schedule's id"),
                            Parameter.word("override", "the override's id, as oncall <schedule> lists it")), List.of()),
            spec("page", "page a person, a schedule or a policy to come and help", "page INC-7 schedule:platform \"db is down\"",
                    true, null, Permission.ANYONE,
                    List.of(Parameter.word("target", "@user, a person's key, schedule:<id> or policy:<id>"),
                            Parameter.text("message", "what they should know").optional()), List.of()),
            spec("ack", "acknowledge the incident's pages: you are on it", "ack INC-7", true, null,
                    Permission.PAGED_OR_ROLE_HOLDER, List.of(),
                    List.of(Parameter.flagSwitch("button", "recorded as acknowledged by the button (the button sets it)"))),
            // Admins only: checked by the command, as no incident is involved.
            spec("maintenance schedule", "schedule a maintenance window (admins)",
                    "maintenance schedule \"Database upgrade\" --service connectme --from 2026-12-08T02:00Z --to 2026-12-08T04:00Z",
                    false, null, Permission.ANYONE, List.of(Parameter.text("title", "what is done, in a few words")),
                    List.of(Parameter.word("service", "the service it affects").asFlag("service"),
                            Parameter.word("region", "the region, if only one").asFlag("region"),
                            Parameter.time("from", "when it starts: HH:MM (UTC) or 2026-12-08T02:00Z").asFlag("from"),
                            Parameter.time("to", "when it ends: HH:MM (UTC) or 2026-12-08T04:00Z").asFlag("to"))),
            spec("maintenance cancel", "call a maintenance window off (admins)",
                    "maintenance cancel MNT-1 \"moved to next week\"", false, null, Permission.ANYONE,
                    List.of(Parameter.word("window", "the window's id: MNT-n"),
                            Parameter.text("reason", "a reason").optional()), List.of()),
            spec("maintenance list", "scheduled and running maintenance", "maintenance list", false, null,
                    Permission.ANYONE, List.of(), List.of()),
            spec("help", "this list, or one command's usage", "help resolved", false, null, Permission.ANYONE,
                    List.of(Parameter.text("command", "a command").optional()), List.of()));

    private CommandSpecs() {
    }

    private static CommandSpec spec(String name, String summary, String example, boolean aboutIncident,
                                    IncidentEvent event, Permission permission, List<Parameter> arguments,
                                    List<Parameter> flags) {
        return new CommandSpec(name, summary, example, arguments, flags, aboutIncident, Optional.ofNullable(event),
                permission);
    }

    /** The grammar these specs make. */
    public static final Grammar GRAMMAR = new Grammar(ALL, GROUPS);

    public static Optional<CommandSpec> find(String name) {
        return GRAMMAR.find(name);
    }

    public static Optional<Group> group(String name) {
        return GRAMMAR.group(name);
    }

    /** Flags that take no value, whatever the command: the parser reads them alone. */
    static java.util.Set<String> switches() {
        return ALL.stream().flatMap(s -> s.flags().stream()).filter(f -> f.kind() == Parameter.Kind.SWITCH)
                .map(Parameter::name).collect(java.util.stream.Collectors.toSet());
    }

    /** The command that fires {@code event}. */
    public static CommandSpec forEvent(IncidentEvent event) {
        return ALL.stream().filter(s -> s.event().filter(event::equals).isPresent()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no command fires " + event));
    }

    /** The command a user types for {@code event}, with its arguments: {@code resolved INC-n <summary>}. */
    public static String usage(IncidentEvent event) {
        return forEvent(event).shortUsage();
    }

    /** " Legal now: …." after a refused transition: how each event still allowed is typed. */
    public static String legalNow(java.util.Set<IncidentEvent> legal) {
        return " Legal now: " + (legal.isEmpty() ? "nothing" : legal.stream().map(CommandSpecs::usage)
                .collect(java.util.stream.Collectors.joining(", "))) + ".";
    }

    /**
     * The candidate nearest to what was typed, if it is near enough to be a slip (an edit or two,
     * fewer for short words): {@code resolv} → {@code resolved}.
     */
    public static Optional<String> nearest(String typed, List<String> candidates) {
        String word = typed.toLowerCase(Locale.ROOT);
        int allowed = word.length() <= 3 ? 1 : word.length() <= 6 ? 2 : 3;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            // A candidate that begins with what was typed is a word cut short: as near as one edit.
            int d = word.length() >= 3 && candidate.startsWith(word) ? 1 : distance(word, candidate);
            if (d <= allowed && d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Edit distance (Levenshtein; a swap of neighbours counts once). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
