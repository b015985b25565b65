package io.sitrep.bot.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.sitrep.bot.EveryCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.sitrep.bot.lifecycle.ChatBudget;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.Role;
import io.sitrep.incident.Severity;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.integrations.chat.Actor;
import io.sitrep.integrations.chat.ChannelRef;
import io.sitrep.integrations.chat.ChatCommand;
import io.sitrep.integrations.chat.ChatMessage;
import io.sitrep.integrations.chat.CommandFailure;
import io.sitrep.integrations.chat.CommandOutcome;
import io.sitrep.integrations.redis.RedisIncidentStore;
import io.sitrep.integrations.redis.TestRedis;

/**
 * {@link CommandDispatcher} end to end: the real grammar, commands, lifecycle and writer on a
 * real (embedded) Redis, driven through {@link CommandDispatcher#handle} as a console user.
 */
@Timeout(60)
class CommandDispatcherTest {

    private static final ChannelRef LOBBY = new ChannelRef("console", "console");
    private static final ChannelRef STAKEHOLDERS = new ChannelRef("console", "stakeholders");
    private static final IncidentId INC_1 = new IncidentId(1);
    private static final Instant NINE = MutableClock.INCIDENT_MORNING;

    private RedisIncidentStore store;
    private MutableClock clock;
    private CommandDispatcher dispatcher;

    @BeforeEach
    void setUp() {
        store = new RedisIncidentStore(TestRedis.flushed());
        clock = MutableClock.incidentMorning();
        dispatcher = TestDispatchers.on(store, clock);
    }

    // ================================================================ rejected commands

    @Test
    void rejectsAnUnknownSubcommandListingTheCommands() {
        declareApiDown();

        CommandOutcome outcome = rejected("frobnicate INC-1", CommandFailure.BAD_COMMAND);

        assertThat(outcome.error().orElseThrow())
                .startsWith("Unknown command 'frobnicate'.")
                .contains("declare", "resolved", "postmortem")
                .contains("/incident help");
    }

    @Test
    void rejectsIdentifiedWithoutTheRootCause() {
        declareApiDown();

        CommandOutcome outcome = rejected("identified INC-1", CommandFailure.BAD_COMMAND);

        assertThat(outcome.error().orElseThrow())
                .isEqualTo("identified needs the root cause. Usage: /incident identified <root cause>");
        assertThat(outcome.incident()).contains("INC-1");
    }

    @Test
    void rejectsDeclareWithoutATitle() {
        CommandOutcome outcome = rejected("declare --sev 2", CommandFailure.BAD_COMMAND);

        assertThat(outcome.error().orElseThrow())
                .startsWith("declare needs a title: what is wrong, in a few words. Usage: /incident declare <title>");
        assertThat(store.findOpen()).isEmpty();
    }

    @Test
    void rejectsAnOutOfRangeSeverityFlagOnDeclare() {
        CommandOutcome outcome = rejected("declare \"API down\" --sev 7", CommandFailure.BAD_COMMAND);

        assertThat(outcome.error().orElseThrow()).contains("1, 2, 3 or 4").contains("'7'");
        assertThat(store.findOpen()).isEmpty();
    }

    @Test
    void rejectsANonNumericSeverity() {
        declareApiDown();

        CommandOutcome outcome = rejected("sev INC-1 x", CommandFailure.BAD_COMMAND);

        assertThat(outcome.error().orElseThrow()).contains("Severity must be 1, 2, 3 or 4").contains("'x'");
    }

    @Test
    void rejectsSevWithoutAValueShowingUsage() {
        declareApiDown();

        CommandOutcome outcome = rejected("sev INC-1", CommandFailure.BAD_COMMAND);

        assertThat(outcome.error().orElseThrow()).contains("Usage: /incident sev <1-4>");
    }

    @Test
    void rejectsAnUnreadableDetectionTime() {
        CommandOutcome outcome = rejected("declare \"API down\" --detected-at noon", CommandFailure.BAD_COMMAND);

        assertThat(outcome.error().orElseThrow()).contains("--detected-at", "'noon'", "HH:MM", "2026-02-26T08:19Z");
        assertThat(store.findOpen()).isEmpty();
    }

    @Test
    void rejectsADetectionTimeInTheFuture() {
        CommandOutcome outcome = rejected("declare \"API down\" --detected-at 09:30", CommandFailure.BAD_COMMAND);

        assertThat(outcome.error().orElseThrow()).contains("in the future");
    }

    @Test
    void rejectsStartedAfterDetected() {
        CommandOutcome outcome = rejected("declare \"API down\" --detected-at 08:19 --started-at 08:30",
                CommandFailure.BAD_COMMAND);

        assertThat(outcome.error().orElseThrow()).contains("--started-at is after --detected-at");
    }

    @Test
    void reportsAnUnknownIncidentAsNotFound() {
        declareApiDown();

        CommandOutcome outcome = rejected("status INC-999", CommandFailure.NOT_FOUND);

        assertThat(outcome.error().orElseThrow()).startsWith("There is no incident INC-999");
    }

    @Test
    void reportsAnUnknownIncidentAsNotFoundForChangesToo() {
        declareApiDown();

        CommandOutcome outcome = rejected("identified INC-999 \"cache deadlock\"", CommandFailure.NOT_FOUND);

        assertThat(outcome.error().orElseThrow()).contains("INC-999");
    }

    @Test
    void rejectsAcceptOnAnInvestigatingIncidentNamingTheStateAndTheLegalCommands() {
        declareApiDown();

        CommandOutcome outcome = rejected("accept INC-1", CommandFailure.CONFLICT);

        assertThat(outcome.error().orElseThrow())
                .startsWith("Can't accept INC-1 while it is INVESTIGATING. Legal now: ")
                .contains("cancel <reason>", "identified <root cause>", "monitoring <what was done>",
                        "resolved <resolution>", "update <text>")
                .doesNotContain("accept,", "reopen", "close");
        assertThat(outcome.incident()).contains("INC-1");
    }

    @Test
    void rejectsResolveOnAClosedIncident() {
        walkTo("postmortem INC-1 action \"alert on deadlock\"");
        ok("close INC-1");

        CommandOutcome outcome = rejected("resolved INC-1 again", CommandFailure.CONFLICT);

        assertThat(outcome.error().orElseThrow()).contains("while it is CLOSED").contains("Legal now: note <text>");
    }

    @Test
    void rejectsAnUnknownRoleListingTheRoles() {
        declareApiDown();

        CommandOutcome outcome = rejected("assign INC-1 pilot @bob", CommandFailure.BAD_COMMAND);

        assertThat(outcome.error().orElseThrow())
                .isEqualTo("'pilot' is not a role. Roles: commander, comms, scribe, responder.");
    }

    @Test
    void rejectsAssignWithoutAUser() {
        declareApiDown();

        CommandOutcome outcome = rejected("assign INC-1 comms", CommandFailure.BAD_COMMAND);

        assertThat(outcome.error().orElseThrow()).contains("a user to assign").contains("Usage: /incident assign");
    }

    @Test
    void rejectsAFlagTheCommandDoesNotTakeNamingTheOnesItDoes() {
        declareApiDown();

        CommandOutcome outcome = rejected("note INC-1 \"paged on-call\" --sev 2", CommandFailure.BAD_COMMAND);

        assertThat(outcome.error().orElseThrow())
                .isEqualTo("note doesn't take --sev; it takes --at. Usage: /incident note <text> [--at <time>]");
    }

    @Test
    void rejectsAFlagOnACommandThatTakesNone() {
        declareApiDown();

        CommandOutcome outcome = rejected("status INC-1 --verbose yes", CommandFailure.BAD_COMMAND);

        assertThat(outcome.error().orElseThrow()).contains("--verbose", "it takes no flags", "Usage: /incident status");
    }

    @Test
    void rejectsAFlagWithoutAValue() {
        declareApiDown();

        CommandOutcome outcome = rejected("note INC-1 \"paged\" --at", CommandFailure.BAD_COMMAND);

        assertThat(outcome.error().orElseThrow()).startsWith("--at needs a value");
    }

    @Test
    void rejectsAnUnclosedQuote() {
        declareApiDown();

        CommandOutcome outcome = rejected("identified INC-1 \"cache deadlock", CommandFailure.BAD_COMMAND);

        assertThat(outcome.error().orElseThrow()).contains("unclosed quote");
    }

    @Test
    void rejectsPostmortemWithoutAVerbNamingTheVerbs() {
        declareApiDown();

        CommandOutcome outcome = rejected("postmortem INC-1", CommandFailure.BAD_COMMAND);

        assertThat(outcome.error().orElseThrow())
                .isEqualTo("postmortem needs one of: start, set, action. Example: /incident postmortem INC-7 start @carol");
    }

    @Test
    void rejectsPostmortemWithAnUnknownVerb() {
        declareApiDown();

        CommandOutcome outcome = rejected("postmortem INC-1 publish", CommandFailure.BAD_COMMAND);

        assertThat(outcome.error().orElseThrow()).startsWith("postmortem needs one of: start, set, action.");
    }

    @Test
    void rejectsAnUnknownPostmortemField() {
        walkTo("postmortem INC-1 start");

        CommandOutcome outcome = rejected("postmortem INC-1 set blame bob", CommandFailure.BAD_COMMAND);

        assertThat(outcome.error().orElseThrow())
                .isEqualTo("'blame' is not a postmortem field. Fields: summary, impact, root-cause, resolution, category.");
    }

    @Test
    void rejectsACommandThatNamesNoIncidentOutsideAnIncidentChannel() {
        declareApiDown();

        CommandOutcome outcome = rejected("identified \"cache deadlock\"", CommandFailure.BAD_COMMAND);

        assertThat(outcome.error().orElseThrow())
                .startsWith("Which incident?")
                .contains("/incident identified INC-7")
                .contains("incident's own channel");
        assertThat(outcome.incident()).isEmpty();
    }

    @Test
    void rejectsSettingTheSeverityItAlreadyHas() {
        declareApiDown();

        CommandOutcome outcome = rejected("sev INC-1 3", CommandFailure.BAD_COMMAND);

        assertThat(outcome.error().orElseThrow()).isEqualTo("INC-1 is already SEV3; nothing changed.");
    }

    // ================================================================ a store known to be away

    @Test
    void whileTheStoreIsKnownAwayACommandIsRefusedAtOnceAndCountedUnavailable() {
        declareApiDown();
        List<String> counted = new java.util.ArrayList<>();
        boolean[] away = {true};
        CommandDispatcher watched = new CommandDispatcher(TestDispatchers.context(store, clock), EveryCommand.all(),
                (command, outcome) -> counted.add(command + " " + outcome), delivery -> { },
                io.sitrep.config.PermissionSettings.none(), () -> away[0]);
        Map<IncidentId, Object> before = snapshot();

        CommandOutcome refused = watched.handle(new ChatCommand("note INC-1 \"still down\"", new Actor("alice"), LOBBY));

        assertThat(refused.failure()).contains(CommandFailure.UNAVAILABLE);
        assertThat(refused.error()).contains("The incident store is unavailable right now; nothing was changed. "
                + "Try again shortly.");
        assertThat(refused.incident()).contains("INC-1");
        assertThat(snapshot()).isEqualTo(before);
        assertThat(counted).containsExactly("note unavailable");

        away[0] = false;
        assertThat(watched.handle(new ChatCommand("note INC-1 \"still down\"", new Actor("alice"), LOBBY)).ok())
                .as("taken again as soon as the store is back").isTrue();
    }

    @Test
    void whileTheStoreIsKnownAwayHelpAndMistypedCommandsAreStillAnswered() {
        CommandDispatcher watched = new CommandDispatcher(TestDispatchers.context(store, clock), EveryCommand.all(),
                CommandDispatcher.CommandObserver.NONE, delivery -> { }, io.sitrep.config.PermissionSettings.none(),
                () -> true);

        assertThat(watched.handle(new ChatCommand("help", new Actor("alice"), LOBBY)).ok()).isTrue();
        assertThat(watched.handle(new ChatCommand("frobnicate", new Actor("alice"), LOBBY)).failure())
                .contains(CommandFailure.BAD_COMMAND);
    }

    // ================================================================ the incident channel

    @Test
    void theIncidentIsImpliedInItsOwnChannel() {
        CommandOutcome declared = ok("declare \"API down\"");
        ChannelRef incidentChannel = declared.invite().orElseThrow();
        assertThat(incidentChannel).isEqualTo(new ChannelRef("console", "inc-1-api-down"));

        CommandOutcome outcome = dispatcher.handle(new ChatCommand("/incident identified \"cache deadlock\"",
                new Actor("alice"), incidentChannel));

        assertThat(outcome.ok()).as("%s", outcome.error()).isTrue();
        assertThat(outcome.incident()).contains("INC-1");
        assertThat(incident().state()).isEqualTo(IncidentState.IDENTIFIED);
        assertThat(incident().rootCause()).isEqualTo("cache deadlock");
        // Typed in the incident's channel: no echo there, a reply to the caller and a stakeholder post.
        assertThat(outcome.replies()).extracting(ChatMessage::channel).containsExactly(incidentChannel, STAKEHOLDERS);
    }

    @Test
    void aCommandFromElsewhereIsEchoedIntoTheIncidentChannel() {
        ok("declare \"API down\"");

        CommandOutcome outcome = ok("identified INC-1 \"cache deadlock\"");

        assertThat(outcome.replies()).extracting(ChatMessage::channel)
                .containsExactly(LOBBY, new ChannelRef("console", "inc-1-api-down"), STAKEHOLDERS);
        assertThat(outcome.replies().get(1).text()).isEqualTo("alice moved INC-1 to IDENTIFIED: cache deadlock");
    }

    @Test
    void aNamedIncidentWinsOverTheChannelsOwn() {
        CommandOutcome first = ok("declare \"API down\"");
        ok("declare \"Queue backlog\"");

        CommandOutcome outcome = dispatcher.handle(new ChatCommand("identified INC-2 \"consumer stuck\"",
                new Actor("alice"), first.invite().orElseThrow()));

        assertThat(outcome.ok()).isTrue();
        assertThat(store.find(new IncidentId(2)).orElseThrow().state()).isEqualTo(IncidentState.IDENTIFIED);
        assertThat(incident().state()).isEqualTo(IncidentState.INVESTIGATING);
    }

    // ================================================================ declare

    @Test
    void declareByAPersonStartsInvestigatingWithTheDeclarerAsCommander() {
        CommandOutcome outcome = ok("/incident declare \"ConnectMe (EU) down\" --sev 2 --service ConnectMe "
                + "--region eu-west --node node-3 --node node-4,node-5 --detected-at 08:19 --started-at 2026-02-26T08:10Z");

        Incident incident = incident();
        assertThat(outcome.incident()).contains("INC-1");
        assertThat(incident.title()).isEqualTo("ConnectMe (EU) down");
        assertThat(incident.state()).isEqualTo(IncidentState.INVESTIGATING);
        assertThat(incident.severity()).isEqualTo(Severity.SEV2);
        assertThat(incident.service()).isEqualTo("ConnectMe");
        assertThat(incident.region()).isEqualTo("eu-west");
        assertThat(incident.nodes()).containsExactly("node-3", "node-4", "node-5");
        assertThat(incident.roles()).containsExactly(Map.entry(Role.COMMANDER, "alice"));
        assertThat(incident.declaredAt()).isEqualTo(NINE);
        assertThat(incident.detectedAt()).isEqualTo(Instant.parse("2026-02-26T08:19:00Z"));
        assertThat(incident.startedAt()).isEqualTo(Instant.parse("2026-02-26T08:10:00Z"));
        assertThat(incident.nextUpdateDueAt()).isEqualTo(NINE.plus(Duration.ofMinutes(15)));
        assertThat(incident.channel()).isEqualTo("inc-1-connectme-eu-down");
        assertThat(outcome.invite()).contains(new ChannelRef("console", "inc-1-connectme-eu-down"));
        assertThat(store.timeline(INC_1)).extracting(TimelineEntry::kind).containsExactly(TimelineKind.DECLARED);
        assertThat(outcome.replies()).extracting(ChatMessage::channel).contains(STAKEHOLDERS);
    }

    @Test
    void declareDefaultsToSev3AndDetectionAtDeclaration() {
        ok("declare API down");

        assertThat(incident().severity()).isEqualTo(Severity.SEV3);
        assertThat(incident().detectedAt()).isEqualTo(NINE);
        assertThat(incident().title()).isEqualTo("API down");
    }

    @Test
    void incidentIdsIncreaseFromOne() {
        assertThat(ok("declare one").incident()).contains("INC-1");
        assertThat(ok("declare two").incident()).contains("INC-2");
    }

    // ================================================================ the lifecycle

    @Test
    void walksEveryStateOfTheLifecycleByCommands() {
        ok("declare \"ConnectMe (EU) down\" --sev 2");
        assertState(IncidentState.INVESTIGATING);
        assertThat(nextCommands()).contains("cancel <reason>", "identified <root cause>", "monitoring <what was done>",
                "resolved <resolution>").doesNotContain("accept", "reopen <reason>", "close");

        clock.advance(Duration.ofMinutes(5));
        ok("identified INC-1 \"platform node deadlocked\"");
        assertState(IncidentState.IDENTIFIED);
        assertThat(nextCommands()).contains("monitoring <what was done>", "resolved <resolution>")
                .doesNotContain("identified <root cause>", "cancel <reason>", "reopen <reason>");

        clock.advance(Duration.ofMinutes(5));
        ok("monitoring INC-1 \"restarted the component by hand\"");
        assertState(IncidentState.MONITORING);
        assertThat(nextCommands()).contains("resolved <resolution>", "reopen <reason>")
                .doesNotContain("monitoring <what was done>", "identified <root cause>");

        clock.advance(Duration.ofMinutes(5));
        ok("reopen INC-1 \"errors are back\"");
        assertState(IncidentState.INVESTIGATING);

        clock.advance(Duration.ofMinutes(5));
        ok("resolved INC-1 \"restarted the component; health probe fixed\"");
        assertState(IncidentState.RESOLVED);
        assertThat(incident().nextUpdateDueAt()).as("resolved incidents owe no updates").isNull();
        assertThat(nextCommands()).contains("reopen <reason>", "postmortem start [@owner]")
                .doesNotContain("resolved <resolution>", "close");

        clock.advance(Duration.ofDays(1));
        ok("postmortem INC-1 start @bob");
        assertState(IncidentState.POSTMORTEM);
        assertThat(incident().postmortem().owner()).isEqualTo("bob");
        assertThat(nextCommands()).contains("close", "postmortem set <field> <text>", "postmortem action <text>")
                .doesNotContain("reopen <reason>", "postmortem start [@owner]");

        ok("postmortem INC-1 set summary \"One node deadlocked; service back after a manual restart\"");
        ok("postmortem INC-1 set root-cause \"Deadlock in the platform node\"");
        ok("postmortem INC-1 set resolution \"Restarted the component by hand\"");
        ok("postmortem INC-1 set category Availability");
        ok("postmortem INC-1 action \"Alert on deadlocked nodes\"");
        ok("postmortem INC-1 action \"Fix the runbook step that terminates the pod\"");
        assertState(IncidentState.POSTMORTEM);

        clock.advance(Duration.ofHours(1));
        CommandOutcome closed = ok("close INC-1");
        assertState(IncidentState.CLOSED);
        assertThat(nextCommands()).isEqualTo(List.of("note <text>"));
        assertThat(store.findOpen()).isEmpty();

        Incident incident = incident();
        assertThat(incident.postmortem().summary()).isEqualTo("One node deadlocked; service back after a manual restart");
        assertThat(incident.postmortem().rootCause()).isEqualTo("Deadlock in the platform node");
        assertThat(incident.postmortem().resolution()).isEqualTo("Restarted the component by hand");
        assertThat(incident.postmortem().category()).isEqualTo("Availability");
        assertThat(incident.postmortem().actions()).extracting(io.sitrep.incident.FollowUp::text)
                .containsExactly("Alert on deadlocked nodes",
                "Fix the runbook step that terminates the pod");
        assertThat(incident.postmortem().completedAt()).isEqualTo(clock.instant());
        assertThat(closed.replies()).filteredOn(m -> m.channel().equals(STAKEHOLDERS)).singleElement()
                .extracting(ChatMessage::text).asString().startsWith("Postmortem — INC-1 ConnectMe (EU) down");

        List<String> transitions = store.timeline(INC_1).stream()
                .filter(e -> e.kind() == TimelineKind.STATUS_CHANGED)
                .map(e -> e.data().get("from") + "→" + e.data().get("to"))
                .toList();
        assertThat(transitions).containsExactly("INVESTIGATING→IDENTIFIED", "IDENTIFIED→MONITORING",
                "MONITORING→INVESTIGATING", "INVESTIGATING→RESOLVED", "RESOLVED→POSTMORTEM", "POSTMORTEM→CLOSED");
        assertThat(store.timeline(INC_1)).extracting(TimelineEntry::kind)
                .filteredOn(k -> k == TimelineKind.POSTMORTEM_FIELD).hasSize(6);
    }

    @Test
    void statusListsStateSeverityRolesAndTheLegalNextCommands() {
        ok("declare \"API down\" --sev 2 --service api");

        CommandOutcome outcome = ok("status INC-1");

        assertThat(outcome.replies()).singleElement().satisfies(reply -> {
            assertThat(reply.channel()).isEqualTo(LOBBY);
            assertThat(reply.text()).startsWith("INC-1: API down\nState INVESTIGATING · SEV2 · channel #inc-1-api-down")
                    .contains("commander alice", "Service api", "next due 2026-02-26 09:15 UTC")
                    .endsWith("\nNext: cancel <reason> · identified <root cause> · monitoring <what was done> · "
                            + "resolved <resolution> · update <text> · sev <1-4> · assign <role> <@user> · note <text> · "
                            + "postmortem set <field> <text> · postmortem action <text>");
        });
    }

    @Test
    void statusReadsNothingIntoTheStore() {
        ok("declare \"API down\"");
        Map<IncidentId, Object> before = snapshot();

        ok("status INC-1");
        ok("timeline INC-1");
        ok("list");
        ok("help");

        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void resolvedDirectlyFromInvestigatingRemembersTheResolution() {
        ok("declare \"API down\"");

        ok("resolved INC-1 \"rolled back\" --force \"health source is down\"");

        assertState(IncidentState.RESOLVED);
        assertThat(incident().resolution()).isEqualTo("rolled back");
        TimelineEntry changed = store.timeline(INC_1).stream().filter(e -> e.kind() == TimelineKind.STATUS_CHANGED)
                .findFirst().orElseThrow();
        assertThat(changed.data()).containsEntry("force", "health source is down").containsEntry("to", "RESOLVED");
    }

    @Test
    void cancelsAnInvestigatingIncident() {
        ok("declare \"API down\"");

        CommandOutcome outcome = ok("cancel INC-1 \"false alarm: probe misconfigured\"");

        assertState(IncidentState.CANCELLED);
        assertThat(store.findOpen()).isEmpty();
        assertThat(incident().nextUpdateDueAt()).isNull();
        assertThat(outcome.replies().get(0).text()).startsWith("INC-1 is now CANCELLED.");
        assertThat(nextCommands()).containsExactly("note <text>");
        assertThat(store.timeline(INC_1)).extracting(TimelineEntry::kind).containsExactly(TimelineKind.DECLARED,
                TimelineKind.STATUS_CHANGED, TimelineKind.STAKEHOLDER_UPDATE);

        CommandOutcome after = rejected("identified INC-1 \"too late\"", CommandFailure.CONFLICT);
        assertThat(after.error().orElseThrow()).contains("while it is CANCELLED");
    }

    @Test
    void rejectsCancelWithoutAReason() {
        ok("declare \"API down\"");

        CommandOutcome outcome = rejected("cancel INC-1", CommandFailure.BAD_COMMAND);

        assertThat(outcome.error().orElseThrow()).isEqualTo("cancel needs a reason. Usage: /incident cancel <reason>");
        assertState(IncidentState.INVESTIGATING);
    }

    @Test
    void refusesToCloseAnIncompletePostmortemNamingTheMissingFields() {
        ok("declare \"API down\"");
        ok("resolved INC-1 \"rolled back\"");
        ok("postmortem INC-1 start");
        assertThat(incident().postmortem().owner()).as("owner defaults to the caller").isEqualTo("alice");

        CommandOutcome outcome = rejected("close INC-1", CommandFailure.CONFLICT);

        assertThat(outcome.error().orElseThrow())
                .startsWith("Can't close INC-1: the postmortem is missing: summary, root-cause, "
                        + "at least one mitigative action (postmortem action <text>). Legal now: ")
                .contains("postmortem set <field> <text>");
        assertState(IncidentState.POSTMORTEM);
    }

    @Test
    void closeNamesOnlyWhatIsStillMissing() {
        ok("declare \"API down\"");
        ok("identified INC-1 \"bad deploy\"");
        ok("resolved INC-1 \"rolled back\"");
        ok("postmortem INC-1 start");
        ok("postmortem INC-1 set summary \"a bad deploy, rolled back\"");

        CommandOutcome outcome = rejected("close INC-1", CommandFailure.CONFLICT);

        assertThat(outcome.error().orElseThrow()).contains("the postmortem is missing: at least one mitigative action "
                + "(postmortem action <text>). Legal now:").doesNotContain("summary,");
    }

    @Test
    void rejectsCloseBeforeThePostmortem() {
        ok("declare \"API down\"");
        ok("resolved INC-1 \"rolled back\"");

        CommandOutcome outcome = rejected("close INC-1", CommandFailure.CONFLICT);

        assertThat(outcome.error().orElseThrow()).startsWith("Can't close INC-1 while it is RESOLVED.")
                .contains("postmortem start [@owner]");
    }

    // ================================================================ in-place changes

    @Test
    void noteWithAtBackfillsTheTimelineInOrderAndRecordsWhenItWasLearned() {
        ok("declare \"API down\"");
        clock.advance(Duration.ofMinutes(5));

        CommandOutcome outcome = ok("note INC-1 \"on-call was paged by the deadlock alert\" --at 08:00");

        assertThat(outcome.replies().get(0).text()).isEqualTo("Noted on INC-1's timeline at 2026-02-26 08:00 UTC.");
        List<TimelineEntry> timeline = store.timeline(INC_1);
        assertThat(timeline).extracting(TimelineEntry::kind).containsExactly(TimelineKind.NOTE, TimelineKind.DECLARED);
        TimelineEntry note = timeline.get(0);
        assertThat(note.at()).isEqualTo(Instant.parse("2026-02-26T08:00:00Z"));
        assertThat(note.recordedAt()).isEqualTo(NINE.plus(Duration.ofMinutes(5)));
        assertThat(note.text()).isEqualTo("on-call was paged by the deadlock alert");
        assertThat(note.actor()).isEqualTo("alice");
        assertThat(note.source()).isEqualTo("console");
        assertThat(note.data()).containsEntry("backfilled", true);
        assertThat(timeline).extracting(TimelineEntry::at).isSorted();
    }

    @Test
    void noteWithoutAtHappensNow() {
        ok("declare \"API down\"");
        clock.advance(Duration.ofMinutes(3));

        ok("note INC-1 thread dump captured");

        TimelineEntry note = store.timeline(INC_1).get(1);
        assertThat(note.kind()).isEqualTo(TimelineKind.NOTE);
        assertThat(note.text()).isEqualTo("thread dump captured");
        assertThat(note.at()).isEqualTo(note.recordedAt()).isEqualTo(clock.instant());
        assertThat(note.data()).doesNotContainKey("backfilled");
    }

    @Test
    void rejectsANoteInTheFuture() {
        ok("declare \"API down\"");

        CommandOutcome outcome = rejected("note INC-1 later --at 10:00", CommandFailure.BAD_COMMAND);

        assertThat(outcome.error().orElseThrow()).contains("--at 10:00 is in the future");
    }

    @Test
    void updatePostsToStakeholdersAndRecordsTheStatusAtTheTime() {
        ok("declare \"API down\"");
        clock.advance(Duration.ofMinutes(10));

        CommandOutcome outcome = ok("update INC-1 \"We are investigating elevated errors\"");

        TimelineEntry update = last(TimelineKind.STAKEHOLDER_UPDATE);
        assertThat(update.text()).isEqualTo("We are investigating elevated errors");
        assertThat(update.data()).containsEntry("status", "Investigating");
        assertThat(update.at()).isEqualTo(clock.instant());
        assertThat(outcome.replies()).filteredOn(m -> m.channel().equals(STAKEHOLDERS)).singleElement()
                .extracting(ChatMessage::text).asString()
                .startsWith("Investigating — INC-1 API down\nWe are investigating elevated errors\n"
                        + "Posted Feb 26, 2026 - 09:10 UTC");
        assertThat(outcome.replies().get(0)).isEqualTo(new ChatMessage(LOBBY,
                "Posted to #stakeholders. Last update under a minute ago · next due 2026-02-26 10:10 UTC"));
        assertThat(incident().lastUpdateAt()).isEqualTo(clock.instant());
        assertThat(incident().nextUpdateDueAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(60)));
    }

    @Test
    void updateCarriesTheCurrentStatusLabel() {
        ok("declare \"API down\"");
        ok("identified INC-1 \"bad deploy\"");
        ok("monitoring INC-1 \"rolled back\"");

        ok("update INC-1 \"error rates are normal\"");

        assertThat(last(TimelineKind.STAKEHOLDER_UPDATE).data()).containsEntry("status", "Monitoring");
    }

    @Test
    void sevChangesSeverityAndRecordsIt() {
        ok("declare \"API down\"");
        clock.advance(Duration.ofMinutes(2));

        CommandOutcome outcome = ok("sev INC-1 1");

        assertThat(incident().severity()).isEqualTo(Severity.SEV1);
        TimelineEntry changed = last(TimelineKind.SEVERITY_CHANGED);
        assertThat(changed.data()).containsEntry("from", "SEV3").containsEntry("to", "SEV1");
        assertThat(changed.text()).isEqualTo("SEV3 → SEV1");
        assertThat(changed.at()).isEqualTo(clock.instant());
        assertThat(outcome.replies().get(0).text()).startsWith("INC-1 is now SEV1.");
    }

    @Test
    void sevAcceptsTheSevPrefix() {
        ok("declare \"API down\"");

        ok("sev INC-1 SEV2");

        assertThat(incident().severity()).isEqualTo(Severity.SEV2);
    }

    @Test
    void assignGivesARoleAndRecordsWhoHadIt() {
        ok("declare \"API down\"");

        ok("assign INC-1 commander @bob");

        assertThat(incident().roles()).containsEntry(Role.COMMANDER, "bob");
        assertThat(last(TimelineKind.ROLE_ASSIGNED).data()).containsEntry("role", "commander")
                .containsEntry("user", "bob").containsEntry("previous", "alice");
    }

    @Test
    void everyAcceptedCommandBumpsTheVersionOnce() {
        ok("declare \"API down\"");
        long declared = incident().version();

        ok("note INC-1 one");
        ok("sev INC-1 2");
        ok("update INC-1 two");

        assertThat(incident().version()).isEqualTo(declared + 3);
    }

    // ================================================================ helpers

    /** Declares INC-1 "API down" from the lobby. */
    private void declareApiDown() {
        ok("declare \"API down\"");
        assertThat(incident().state()).isEqualTo(IncidentState.INVESTIGATING);
    }

    /** Declares INC-1 and walks it along the path to {@code lastStep}. */
    private void walkTo(String lastStep) {
        List<String> steps = List.of("declare \"API down\"", "resolved INC-1 \"rolled back\"", "postmortem INC-1 start",
                "postmortem INC-1 set summary \"bad deploy\"", "postmortem INC-1 set root-cause \"a bad deploy\"",
                "postmortem INC-1 action \"alert on deadlock\"");
        for (String step : steps) {
            ok(step);
            if (step.equals(lastStep)) {
                return;
            }
        }
        throw new IllegalArgumentException("no such step: " + lastStep);
    }

    @Test
    void exportWritesTheDocumentAndSaysWhere() throws java.io.IOException {
        ok("declare \"Checkout errors\" --sev 2");

        CommandOutcome outcome = ok("export INC-1 md");

        String reply = outcome.replies().get(0).text();
        assertThat(reply).startsWith("Wrote ").contains("INC-1-postmortem.md").contains("GET /api/incidents/INC-1/postmortem.md");
        java.nio.file.Path file = java.nio.file.Path.of(reply.substring("Wrote ".length(), reply.indexOf(" (")));
        assertThat(java.nio.file.Files.readString(file)).startsWith("# INC-1: Checkout errors").contains("**DRAFT**");
        rejected("export INC-1 pdf", CommandFailure.BAD_COMMAND);
        rejected("export INC-9 md", CommandFailure.NOT_FOUND);
    }

    private CommandOutcome ok(String text) {
        CommandOutcome outcome = dispatcher.handle(new ChatCommand(text, new Actor("alice"), LOBBY));
        assertThat(outcome.ok()).as("'%s' should succeed but: %s", text, outcome.error()).isTrue();
        assertThat(outcome.error()).isEmpty();
        assertThat(outcome.failure()).isEmpty();
        return outcome;
    }

    /** Runs a command that must be refused with {@code failure}, a one-line message, and no change. */
    private CommandOutcome rejected(String text, CommandFailure failure) {
        Map<IncidentId, Object> before = snapshot();
        CommandOutcome outcome = dispatcher.handle(new ChatCommand(text, new Actor("alice"), LOBBY));
        assertThat(outcome.ok()).as("'%s' should be refused", text).isFalse();
        assertThat(outcome.failure()).as("failure of '%s' (%s)", text, outcome.error()).contains(failure);
        assertThat(outcome.error()).hasValueSatisfying(error -> assertThat(error).isNotBlank().doesNotContain("\n")
                .doesNotContain("Exception"));
        assertThat(outcome.replies()).isEmpty();
        assertThat(outcome.invite()).isEmpty();
        assertThat(snapshot()).as("a refused command changes nothing").isEqualTo(before);
        return outcome;
    }

    /** Every incident (with its version) and its timeline, plus the id counter, as they are now. */
    private Map<IncidentId, Object> snapshot() {
        Map<IncidentId, Object> all = new LinkedHashMap<>();
        for (long n = 1; n <= 5; n++) {
            IncidentId id = new IncidentId(n);
            Optional<Incident> incident = store.find(id);
            incident.ifPresent(i -> all.put(id, List.of(i, i.version(), store.timeline(id), store.timeline(id).size())));
        }
        return all;
    }

    private Incident incident() {
        return store.find(INC_1).orElseThrow();
    }

    private void assertState(IncidentState expected) {
        assertThat(incident().state()).isEqualTo(expected);
        String status = ok("status INC-1").replies().get(0).text();
        assertThat(status).contains("State " + expected + " ·");
    }

    /** The legal next commands as {@code status} lists them. */
    private List<String> nextCommands() {
        String status = ok("status INC-1").replies().get(0).text();
        String next = status.lines().filter(l -> l.startsWith("Next: ")).findFirst().orElseThrow();
        return Arrays.stream(next.substring("Next: ".length()).split(" · ")).toList();
    }

    private TimelineEntry last(TimelineKind kind) {
        List<TimelineEntry> matching = store.timeline(INC_1).stream().filter(e -> e.kind() == kind).toList();
        assertThat(matching).as("timeline entries of kind %s", kind).isNotEmpty();
        return matching.get(matching.size() - 1);
    }

    @Test
    void readsAQuotedFlagValueWrittenWithAnEqualsSign() {
        ok("declare outage --service=\"ConnectMe (EU)\"");

        assertThat(incident().service()).isEqualTo("ConnectMe (EU)");
        assertThat(incident().title()).isEqualTo("outage");
    }

    @Test
    void refusesAnIncidentIdAsPostmortemOwner() {
        ok("declare \"API down\"");
        ok("resolved INC-1 \"rolled back\"");

        CommandOutcome outcome = rejected("postmortem start INC-1", CommandFailure.BAD_COMMAND);

        assertThat(outcome.error().orElseThrow()).contains("is an incident, not a user");
        assertState(IncidentState.RESOLVED);
    }

    @Test
    void refusesDeclareWithAnIncidentId() {
        CommandOutcome outcome = rejected("declare INC-7 follow-up of the outage", CommandFailure.BAD_COMMAND);

        assertThat(outcome.error().orElseThrow()).contains("takes no INC-n");
    }

    @Test
    void aCommandOverFourThousandCharactersIsRefusedAndChangesNothing() {
        String atTheLimit = "declare \"" + "x".repeat(CommandDispatcher.MAX_COMMAND_CHARACTERS - 10) + "\"";
        String overIt = "declare \"" + "x".repeat(CommandDispatcher.MAX_COMMAND_CHARACTERS) + "\"";

        CommandOutcome refused = rejected(overIt, CommandFailure.TOO_LARGE);

        assertThat(refused.error()).contains("The command is 4,010 characters long; the limit is 4,000. Put long text "
                + "in several notes.");
        ok(atTheLimit);
    }

    @Test
    void aLongListIsSummarisedMostSevereAndNewestFirstWithACountAndWhereToSeeTheRest() {
        for (int i = 1; i <= 200; i++) {
            int sev = i % 40 == 0 ? 1 : 3;
            ok("declare \"Service " + i + " failing\" --sev " + sev);
        }

        String list = ok("list").replies().get(0).text();

        assertThat(list.length()).isLessThanOrEqualTo(ChatBudget.CHARACTERS);
        assertThat(list).startsWith("200 open incidents (SEV1: 5, SEV3: 195):\nINC-200 · SEV1")
                .containsSubsequence("INC-200 · SEV1", "INC-160 · SEV1", "INC-40 · SEV1", "INC-199 · SEV3")
                .endsWith("more, less severe or older. All of them: GET /api/incidents (paged).");
    }

    @Test
    void aLongTimelineShowsTheNewestEntriesThatFitOldestFirst() {
        ok("declare \"Busy incident\"");
        for (int i = 1; i <= 300; i++) {
            ok("note INC-1 \"note number " + i + "\"");
        }
        ok("note INC-1 \"" + "long ".repeat(500) + "\"");

        String timeline = ok("timeline INC-1").replies().get(0).text();

        assertThat(timeline.length()).isLessThanOrEqualTo(ChatBudget.CHARACTERS);
        assertThat(timeline).startsWith("Timeline of INC-1 (UTC):").containsSubsequence("note number 299",
                "note number 300", "long long").doesNotContain("note number 1\n")
                .contains("earlier entries not shown. The whole timeline: /incident export md, or GET "
                        + "/api/incidents/INC-1/timeline.");
    }
}
