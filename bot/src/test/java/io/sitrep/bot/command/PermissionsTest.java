package io.sitrep.bot.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.sitrep.bot.EveryCommand;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.sitrep.config.PermissionSettings;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.Role;
import io.sitrep.integrations.chat.Actor;
import io.sitrep.integrations.chat.ChannelRef;
import io.sitrep.integrations.chat.ChatCommand;
import io.sitrep.integrations.chat.CommandFailure;
import io.sitrep.integrations.chat.CommandOutcome;
import io.sitrep.integrations.redis.RedisIncidentStore;
import io.sitrep.integrations.redis.TestRedis;

/**
 * The whole policy, command × role: each command is tried by the commander, comms, scribe,
 * responder, postmortem owner, someone with no role and an admin, each on an incident of its
 * own; a refusal is FORBIDDEN, says who may, and changes nothing.
 */
class PermissionsTest {

    private static final String COMMANDER = "alice";
    private static final String COMMS = "carol";
    private static final String SCRIBE = "sam";
    private static final String RESPONDER = "rob";
    private static final String OWNER = "olga";
    private static final String NOBODY = "nina";
    private static final String ADMIN = "adam";
    private static final List<String> EVERYONE = List.of(COMMANDER, COMMS, SCRIBE, RESPONDER, OWNER, NOBODY, ADMIN);
    private static final Set<String> ROLE_HOLDERS = Set.of(COMMANDER, COMMS, SCRIBE, RESPONDER, OWNER, ADMIN);

    /** The policy, written out: each line (INC stands for the incident) and who may run it. */
    private static final Map<String, Set<String>> POLICY = new LinkedHashMap<>();

    static {
        Set<String> anyone = Set.copyOf(EVERYONE);
        for (String line : List.of("status INC", "timeline INC", "health INC", "note INC \"seen it\"", "export INC md",
                "runbook INC show")) {
            POLICY.put(line, anyone);
        }
        for (String line : List.of("identified INC cause", "monitoring INC fix", "sev INC 1", "runbook INC step 1 done",
                "remind INC snooze 15", "postmortem INC set summary x", "postmortem INC action y",
                "assign INC scribe @zed", "assign INC responder @zed", "runbook INC start db-failover")) {
            POLICY.put(line, ROLE_HOLDERS);
        }
        POLICY.put("update INC \"all good\"", Set.of(COMMANDER, COMMS, ADMIN));
        for (String line : List.of("resolved INC fixed", "resolved INC fixed --force \"probe down\"", "reopen INC again",
                "cancel INC dup", "assign INC commander @zed", "assign INC comms @zed", "postmortem INC start @zed")) {
            POLICY.put(line, Set.of(COMMANDER, ADMIN));
        }
        POLICY.put("close INC", Set.of(COMMANDER, OWNER, ADMIN));
    }

    private RedisIncidentStore store;
    private CommandDispatcher dispatcher;

    @BeforeEach
    void setUp() {
        store = new RedisIncidentStore(TestRedis.flushed());
        dispatcher = new CommandDispatcher(TestDispatchers.context(store, MutableClock.incidentMorning()), EveryCommand.all(),
                CommandDispatcher.CommandObserver.NONE, delivery -> { }, new PermissionSettings(List.of(ADMIN)));
    }

    @Test
    void everyCommandIsAllowedToExactlyWhomThePolicyAllowsItAndARefusalChangesNothing() {
        for (Map.Entry<String, Set<String>> rule : POLICY.entrySet()) {
            for (String who : EVERYONE) {
                IncidentId id = incidentWithEveryRole();
                Incident before = store.find(id).orElseThrow();
                int timeline = store.timeline(id).size();

                CommandOutcome outcome = run(who, rule.getKey().replace("INC", id.toString()));

                String what = who + ": " + rule.getKey();
                if (rule.getValue().contains(who)) {
                    assertThat(outcome.failure()).as(what + " → " + outcome.error().orElse("ok"))
                            .isNotEqualTo(java.util.Optional.of(CommandFailure.FORBIDDEN));
                } else {
                    assertThat(outcome.failure()).as(what).contains(CommandFailure.FORBIDDEN);
                    assertThat(outcome.error().orElseThrow()).as(what).startsWith("Only ").contains("or an admin may")
                            .contains(id.toString());
                    assertThat(store.find(id).orElseThrow()).as(what + " changed nothing").isEqualTo(before);
                    assertThat(store.timeline(id)).as(what + " wrote nothing").hasSize(timeline);
                }
            }
        }
    }

    @Test
    void theRefusalNamesWhoMay() {
        IncidentId id = incidentWithEveryRole();

        assertThat(run(NOBODY, "cancel " + id + " dup").error())
                .contains("Only the commander (alice) or an admin may cancel " + id + ".");
        assertThat(run(NOBODY, "update " + id + " hi").error())
                .contains("Only the commander or comms (commander alice, comms carol) or an admin may post an update on "
                        + id + ".");
        assertThat(run(SCRIBE, "resolved " + id + " x --force why").error()).hasValueSatisfying(e ->
                assertThat(e).startsWith("Only the commander (alice) or an admin may force resolve"));
    }

    @Test
    void aPlatformPersonIsThemselvesByIdNeverByANameAndAnApiNameIsNeverAMention() {
        CommandDispatcher withSlackAdmin = new CommandDispatcher(TestDispatchers.context(store, MutableClock.incidentMorning()), EveryCommand.all(),
                CommandDispatcher.CommandObserver.NONE, delivery -> { }, new PermissionSettings(List.of(ADMIN, "U0ROOT")));
        CommandOutcome declared = withSlackAdmin.handle(new ChatCommand("declare \"db down\"", new Actor("alice", "U0ALICE"),
                new ChannelRef("slack", "C0OPS")));
        String id = declared.incident().orElseThrow();

        // A Slack user who renamed themselves to an admin's name, or to the commander's, is neither.
        assertThat(withSlackAdmin.handle(new ChatCommand("cancel " + id + " x", new Actor(ADMIN, "U0MALLORY"),
                new ChannelRef("slack", "C0OPS"))).failure()).contains(CommandFailure.FORBIDDEN);
        assertThat(withSlackAdmin.handle(new ChatCommand("cancel " + id + " x", new Actor("alice", "U0MALLORY"),
                new ChannelRef("slack", "C0OPS"))).failure()).contains(CommandFailure.FORBIDDEN);
        // The API names its user; naming a Slack person's mention does not make it them.
        assertThat(withSlackAdmin.handle(new ChatCommand("cancel " + id + " x", new Actor("<@U0ALICE>"),
                new ChannelRef("api", "ops"))).failure()).contains(CommandFailure.FORBIDDEN);
        // The admin by id may.
        assertThat(withSlackAdmin.handle(new ChatCommand("cancel " + id + " x", new Actor("root", "U0ROOT"),
                new ChannelRef("slack", "C0OPS"))).ok()).isTrue();
    }

    @Test
    void helpOnAnIncidentSaysWhatTheCallerMayRunThere() {
        IncidentId id = incidentWithEveryRole();

        String nobody = run(NOBODY, "help " + id).replies().get(0).text();
        String commander = run(COMMANDER, "help " + id).replies().get(0).text();

        assertThat(nobody).contains("On " + id + " you may run: accept, note, status, timeline,")
                .containsPattern("Not yours there \\(they need a role on it\\): [^\\n]*cancel");
        assertThat(commander).contains("On " + id + " you may run: accept, cancel,").doesNotContain("Not yours there");
    }

    @Test
    void acceptMakesTheCallerCommanderOfAnIncidentNobodyCommandedAndUntilThenItIsOpenToAnyone() {
        // A watcher's incident: TRIAGE, nobody commands it.
        IncidentId id = new IncidentId(1);
        java.time.Instant now = java.time.Instant.parse("2026-02-26T08:25:00Z");
        assertThat(store.create(Incident.builder(id, IncidentState.TRIAGE, io.sitrep.incident.Severity.SEV3, now)
                .title("node-3 is DOWN").channel("inc-1-node-3-is-down").declaredBy("sitrep").detectedAt(now)
                .build(), List.of(new io.sitrep.incident.TimelineEntry(now, now,
                io.sitrep.incident.TimelineKind.DECLARED, "sitrep", "health", "node-3 is DOWN", Map.of())))).isTrue();
        assertThat(run(NOBODY, "note " + id + " looking").ok()).as("open to anyone while nobody commands it").isTrue();

        assertThat(run(NOBODY, "accept " + id).ok()).isTrue();

        assertThat(store.find(id).orElseThrow().roles()).containsEntry(Role.COMMANDER, NOBODY);
        assertThat(run(COMMANDER, "cancel " + id + " dup").failure()).contains(CommandFailure.FORBIDDEN);
    }

    /** An incident with a commander, comms, scribe and responder, resolved and in its postmortem, owned by olga. */
    private IncidentId incidentWithEveryRole() {
        CommandOutcome declared = run(COMMANDER, "declare \"login failures\"");
        String id = declared.incident().orElseThrow();
        for (String line : List.of("assign " + id + " comms @" + COMMS, "assign " + id + " scribe @" + SCRIBE,
                "assign " + id + " responder @" + RESPONDER, "resolved " + id + " fixed",
                "postmortem " + id + " start @" + OWNER)) {
            assertThat(run(COMMANDER, line).ok()).as(line).isTrue();
        }
        return IncidentId.parse(id);
    }

    private CommandOutcome run(String who, String line) {
        return dispatcher.handle(new ChatCommand(line, new Actor(who), new ChannelRef("console", "ops")));
    }
}
