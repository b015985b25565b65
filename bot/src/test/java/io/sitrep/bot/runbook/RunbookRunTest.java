package io.sitrep.bot.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;


import io.sitrep.bot.command.CommandDispatcher;
import io.sitrep.bot.command.MutableClock;
import io.sitrep.bot.health.HangingTarget;
import io.sitrep.bot.health.HealthRig;
import io.sitrep.bot.health.HealthWatch;
import io.sitrep.config.HealthSettings;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.RunbookRun;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.integrations.chat.Actor;
import io.sitrep.integrations.chat.ChannelRef;
import io.sitrep.integrations.chat.ChatCommand;
import io.sitrep.integrations.chat.CommandOutcome;
import io.sitrep.integrations.health.HttpProbeSource;
import io.sitrep.integrations.health.Target;
import io.sitrep.integrations.redis.RedisIncidentStore;

/** The shipped node-unresponsive runbook, worked through against the health watch and a real socket that hangs. */
@Timeout(120)
class RunbookRunTest {

    private static final IncidentId INC_1 = new IncidentId(1);

    private final HangingTarget node = new HangingTarget();
    private final MutableClock clock = MutableClock.incidentMorning();
    private final HttpProbeSource probes = new HttpProbeSource(List.of(new HttpProbeSource.Probe(
            new Target("login-node-7", null, "platform-node-7"),
            URI.create(node.url()))), Duration.ofMillis(500));
    private final HealthRig rig = new HealthRig(List.of(probes), new HealthSettings(Duration.ofSeconds(5),
            Duration.ofMillis(500), 2, Duration.ofMinutes(2), true, List.of(), null, null), clock);
    private final RedisIncidentStore store = rig.store;
    private final HealthWatch watch = rig.watch;
    private final CommandDispatcher dispatcher = rig.dispatcher;

    @AfterEach
    void stop() {
        watch.close();
        probes.close();
        node.close();
    }

    @Test
    void theNodeUnresponsiveRunbookFromStartToEnd() {
        CommandOutcome declared = handle("declare \"Login node unresponsive\" --node platform-node-7", "ana");
        assertThat(declared.replies()).anySatisfy(m -> assertThat(m.text())
                .startsWith("Runbooks that fit: platform-node-unresponsive (A platform node stopped answering)"));
        watch.pollOnce();
        assertThat(ok("runbook INC-1", "ana")).contains("Suggested: platform-node-unresponsive");

        assertThat(ok("runbook INC-1 platform-node-unresponsive", "ana")).contains("Step 1/6 · Confirm the scope");
        assertThat(refused("runbook INC-1 step 2 done", "ana")).contains("Step diagnostics needs scope done first.");
        ok("runbook INC-1 step 1 done", "ana");
        assertThat(ok("runbook INC-1 step 2 done \"thread dump in /tmp/td-0819.txt\"", "ana"))
                .contains("Step 3/6 · Restart the affected component").contains("⚠ Restart the component itself");
        ok("runbook INC-1 step 3 done", "ana");

        node.hang();
        watch.pollOnce(); // seen, asked again at once, confirmed DOWN
        assertThat(ok("runbook INC-1 step 4 done", "ana")).contains("The check did not hold: not all HEALTHY for 120 s")
                .contains("login-node-7 DOWN");

        node.recover();
        watch.pollOnce(); // HEALTHY again, since now
        assertThat(ok("runbook INC-1 step 4 done", "ana")).contains("The check did not hold");
        rig.passPolling(Duration.ofMinutes(2));
        assertThat(ok("runbook INC-1 step 4 done", "ana")).contains("Recorded: node-healthy done (all HEALTHY for 120 s");
        ok("runbook INC-1 step 5 done", "ana");
        assertThat(ok("runbook INC-1 step 6 done", "ana")).contains("All 6 steps of platform-node-unresponsive are settled.");

        List<TimelineEntry> steps = store.timeline(INC_1).stream().filter(e -> e.kind() == TimelineKind.RUNBOOK_STEP)
                .toList();
        assertThat(steps).extracting(e -> e.data().get("outcome"))
                .containsExactly(null, "DONE", "DONE", "DONE", "FAILED", "FAILED", "DONE", "DONE", "DONE");
        assertThat(steps.get(4).data().get("evidence")).asString().contains("login-node-7 DOWN");
        String postmortem = io.sitrep.bot.postmortem.MarkdownExport.render(io.sitrep.bot.postmortem.PostmortemReport.of(
                store.find(INC_1).orElseThrow(), store.timeline(INC_1)));
        assertThat(postmortem).contains("## Runbooks").contains("  - node-healthy: done by ana")
                .contains("  - diagnostics: done by ana");
    }

    @Test
    void aCheckStepThatAlreadyHoldsWhenReachedRecordsItself() {
        ok("declare \"Login node unresponsive\" --node platform-node-7", "ana");
        watch.pollOnce();
        rig.passPolling(Duration.ofMinutes(3));
        ok("runbook INC-1 platform-node-unresponsive", "ana");
        ok("runbook INC-1 step 1 done", "ana");
        ok("runbook INC-1 step 2 done", "ana");

        assertThat(ok("runbook INC-1 step 3 done", "ana"))
                .contains("The next step, node-healthy, checked itself and holds: all HEALTHY for 120 s")
                .contains("Step 5/6 · Logins and calls work");
        RunbookRun.StepResult check = store.find(INC_1).orElseThrow().runbooks().get("platform-node-unresponsive")
                .results().get("node-healthy");
        assertThat(check.by()).isEqualTo("sitrep");
        assertThat(check.evidence()).contains("login-node-7 HEALTHY");
    }

    @Test
    void twoRespondersPressingDoneOnOneStepRecordOneResult() throws Exception {
        ok("declare \"Login node unresponsive\" --node platform-node-7", "ana");
        ok("runbook INC-1 platform-node-unresponsive", "ana");
        ok("assign INC-1 responder @ben", "ana");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Callable<CommandOutcome>> presses = List.of(
                    () -> { start.await(); return handle("runbook INC-1 step 1 done", "ana"); },
                    () -> { start.await(); return handle("runbook INC-1 step 1 done", "ben"); });
            List<Future<CommandOutcome>> results = presses.stream().map(pool::submit).toList();
            start.countDown();
            long accepted = 0;
            for (Future<CommandOutcome> result : results) {
                CommandOutcome outcome = result.get();
                accepted += outcome.ok() ? 1 : 0;
                if (!outcome.ok()) {
                    assertThat(outcome.error()).hasValueSatisfying(e -> assertThat(e).contains("is already done"));
                }
            }
            assertThat(accepted).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        RunbookRun run = store.find(INC_1).orElseThrow().runbooks().get("platform-node-unresponsive");
        assertThat(run.results()).containsOnlyKeys("scope");
        assertThat(store.timeline(INC_1).stream().filter(e -> "scope".equals(e.data().get("step")))).hasSize(1);
    }

    private String ok(String text, String who) {
        CommandOutcome outcome = handle(text, who);
        assertThat(outcome.ok()).as(text + ": " + outcome.error().orElse("")).isTrue();
        return outcome.replies().get(0).text();
    }

    private String refused(String text, String who) {
        CommandOutcome outcome = handle(text, who);
        assertThat(outcome.ok()).as(text).isFalse();
        return outcome.error().orElseThrow();
    }

    private CommandOutcome handle(String text, String who) {
        return dispatcher.handle(new ChatCommand(text, new Actor(who), new ChannelRef("console", "ops")));
    }
}
