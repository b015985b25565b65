package io.sitrep.bot.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.sitrep.incident.IncidentId;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.CommandOutcome;
import io.sitrep.integrations.chat.DeliveryMessage;

/** Reminders and escalations, driven by a clock the test moves, on a real embedded Redis. */
@Timeout(120)
class ReminderSchedulerTest {

    private static final IncidentId INC_1 = new IncidentId(1);
    private static final String CHANNEL = "inc-1-connectme-login-failures";

    private final ReminderFixture sitrep = new ReminderFixture();
    private final ReminderScheduler scheduler = sitrep.scheduler();

    private void declare() {
        sitrep.run("declare \"ConnectMe login failures\" --sev 2");
    }

    private int advanceAndRun(Duration by) {
        sitrep.clock.advance(by);
        return scheduler.runDue();
    }

    @Test
    void theFirstReminderComesWhenTheFirstUpdateIsDueAndNotBefore() {
        declare(); // 09:00; the first update is due within 15 minutes

        assertThat(advanceAndRun(Duration.ofMinutes(15).minusSeconds(1))).isZero();
        assertThat(advanceAndRun(Duration.ofSeconds(1))).isEqualTo(1);

        List<TimelineEntry> reminders = sitrep.entries(INC_1, TimelineKind.REMINDER);
        assertThat(reminders).singleElement().satisfies(entry -> {
            assertThat(entry.at()).isEqualTo(Instant.parse("2026-02-26T09:15:00Z"));
            assertThat(entry.source()).isEqualTo("reminder");
            assertThat(entry.data()).containsEntry("dueAt", "2026-02-26T09:15:00Z");
        });
        assertThat(sitrep.posted).singleElement().satisfies(message -> {
            assertThat(message.audience()).isEqualTo(Audience.ROOM);
            assertThat(message.text()).contains("Stakeholder update due for INC-1")
                    .contains("No update yet; declared 15 min ago").contains("Commander: alice · comms: unassigned")
                    .doesNotContain("late");
        });
    }

    @Test
    void anUpdateRestartsTheClockAtOneCadence() {
        declare();
        sitrep.clock.advance(Duration.ofMinutes(10));
        sitrep.run("update INC-1 \"Investigating elevated login errors\"");

        assertThat(advanceAndRun(Duration.ofMinutes(5))).as("09:15 no longer due").isZero();
        assertThat(advanceAndRun(Duration.ofMinutes(55).minusSeconds(1))).isZero();
        assertThat(advanceAndRun(Duration.ofSeconds(1))).as("10:10, one cadence after the update").isEqualTo(1);
        assertThat(sitrep.posted.get(0).text())
                .contains("Last update 1 h 00 min ago: “Investigating elevated login errors”.");
    }

    @Test
    void aSeverityChangeReplansTheReminder() {
        declare();
        sitrep.clock.advance(Duration.ofMinutes(5));
        sitrep.run("update INC-1 \"Looking into it\""); // next due 10:05 at SEV2's 60 minutes
        sitrep.run("sev INC-1 1");                       // SEV1 cadence is 30 minutes: due 09:35

        assertThat(advanceAndRun(Duration.ofMinutes(30).minusSeconds(1))).isZero();
        assertThat(advanceAndRun(Duration.ofSeconds(1))).isEqualTo(1);
        assertThat(sitrep.entries(INC_1, TimelineKind.REMINDER).get(0).at())
                .isEqualTo(Instant.parse("2026-02-26T09:35:00Z"));
    }

    @Test
    void remindsEveryCadenceFromTheLastReminderAndEscalatesOnce() {
        declare();
        advanceAndRun(Duration.ofMinutes(15));                          // 09:15 reminder

        assertThat(advanceAndRun(Duration.ofMinutes(15))).isEqualTo(1); // 09:30 escalation
        List<TimelineEntry> escalations = sitrep.entries(INC_1, TimelineKind.ESCALATION);
        assertThat(escalations).singleElement().satisfies(e -> assertThat(e.data()).containsEntry("escalatedTo", "sre-leads"));
        assertThat(sitrep.posted).extracting(DeliveryMessage::audience)
                .containsExactly(Audience.ROOM, Audience.ROOM, Audience.ESCALATION);
        assertThat(sitrep.posted.get(2).text()).startsWith("🚨 ESCALATION: INC-1")
                .contains("@alice (commander), no comms assigned").contains("escalating to #sre-leads");
        assertThat(sitrep.run("status INC-1").replies().get(0).text()).contains("OVERDUE: escalated 2026-02-26 09:30 UTC");

        assertThat(advanceAndRun(Duration.ofMinutes(45).minusSeconds(1))).isZero();
        assertThat(advanceAndRun(Duration.ofSeconds(1))).as("10:15, a cadence after the last reminder").isEqualTo(1);
        assertThat(advanceAndRun(Duration.ofMinutes(60))).as("11:15").isEqualTo(1);
        assertThat(sitrep.entries(INC_1, TimelineKind.ESCALATION)).as("once per overdue stretch").hasSize(1);
        assertThat(sitrep.entries(INC_1, TimelineKind.REMINDER)).hasSize(3);

        sitrep.run("update INC-1 \"Fix deployed, watching\"");
        assertThat(sitrep.run("status INC-1").replies().get(0).text()).doesNotContain("OVERDUE");
    }

    @Test
    void aSnoozeHoldsTheNextReminderAndTheEscalationOnce() {
        declare();
        sitrep.clock.advance(Duration.ofMinutes(10));
        sitrep.run("remind INC-1 snooze 20"); // until 09:30: the 09:15 reminder waits

        assertThat(advanceAndRun(Duration.ofMinutes(20).minusSeconds(1))).isZero();
        assertThat(advanceAndRun(Duration.ofSeconds(1))).as("09:30").isEqualTo(1);

        sitrep.run("remind INC-1 snooze 30"); // until 10:00: holds the 09:45 escalation
        assertThat(advanceAndRun(Duration.ofMinutes(15))).isZero();
        assertThat(advanceAndRun(Duration.ofMinutes(15))).as("10:00").isEqualTo(1);
        assertThat(sitrep.entries(INC_1, TimelineKind.ESCALATION)).singleElement()
                .satisfies(e -> assertThat(e.at()).isEqualTo(Instant.parse("2026-02-26T10:00:00Z")));
        assertThat(sitrep.entries(INC_1, TimelineKind.REMINDER)).extracting(TimelineEntry::text)
                .filteredOn(text -> text.startsWith("Reminders snoozed")).hasSize(2);
    }

    @Test
    void aReminderDueWithTheEscalationIsNotHeldBackByTheClaim() {
        declare();
        advanceAndRun(Duration.ofMinutes(15));             // 09:15 reminder
        sitrep.clock.advance(Duration.ofMinutes(5));
        sitrep.run("remind INC-1 snooze 120");              // both held until 11:20

        assertThat(advanceAndRun(Duration.ofMinutes(120))).as("11:20: the escalation").isEqualTo(1);
        assertThat(scheduler.runDue()).as("the next pass, not after the 30 s lease: the reminder").isEqualTo(1);
        assertThat(sitrep.entries(INC_1, TimelineKind.ESCALATION)).hasSize(1);
        assertThat(sitrep.posted.get(sitrep.posted.size() - 1).text()).doesNotContain("late");
    }

    @Test
    void aRunbookThatStopsMovingIsNudgedOncePerQuietSpell() {
        sitrep.run("declare \"Login node unresponsive\" --node platform-node-7");
        sitrep.clock.advance(Duration.ofMinutes(5));
        sitrep.run("update INC-1 \"Looking at platform-node-7\"");   // next update due 10:05
        sitrep.run("runbook INC-1 platform-node-unresponsive");       // 09:05

        assertThat(advanceAndRun(Duration.ofMinutes(15).minusSeconds(1))).isZero();
        assertThat(advanceAndRun(Duration.ofSeconds(1))).as("09:20, 15 min without a step").isEqualTo(1);
        assertThat(sitrep.posted.get(0).text()).startsWith("⏳ INC-1: runbook platform-node-unresponsive (no step for 15 min)");
        assertThat(advanceAndRun(Duration.ofMinutes(20))).as("once per quiet spell").isZero();

        sitrep.run("runbook INC-1 step 1 done");                      // 09:40
        assertThat(advanceAndRun(Duration.ofMinutes(15))).as("09:55").isEqualTo(1);
        assertThat(sitrep.entries(INC_1, TimelineKind.REMINDER)).extracting(e -> e.data().get("action"))
                .containsExactly("runbook-nudge", "runbook-nudge");
    }

    @Test
    void aSnoozeIsBoundedAndOnlyWhereRemindersRun() {
        declare();

        CommandOutcome tooLong = sitrep.dispatcher.handle(command("remind INC-1 snooze 121"));
        CommandOutcome zero = sitrep.dispatcher.handle(command("remind INC-1 snooze 0"));
        sitrep.run("resolved INC-1 \"Restarted the session cache\"");
        CommandOutcome resolved = sitrep.dispatcher.handle(command("remind INC-1 snooze 15"));

        assertThat(tooLong.error()).hasValueSatisfying(e -> assertThat(e).contains("from 1 to 120"));
        assertThat(zero.error()).hasValueSatisfying(e -> assertThat(e).contains("from 1 to 120"));
        assertThat(resolved.error()).hasValueSatisfying(e -> assertThat(e).contains("RESOLVED"));
        assertThat(sitrep.entries(INC_1, TimelineKind.REMINDER)).isEmpty();
    }

    @Test
    void finishedStatesStopRemindersAndAReopenRestartsTheClock() {
        declare();
        sitrep.clock.advance(Duration.ofMinutes(10));
        sitrep.run("resolved INC-1 \"Restarted the session cache\"");
        assertThat(sitrep.queue.size()).isZero();

        assertThat(advanceAndRun(Duration.ofHours(5))).isZero(); // 14:10

        sitrep.run("reopen INC-1 \"Errors are back on node-3\"");     // due 15:10
        assertThat(advanceAndRun(Duration.ofMinutes(60).minusSeconds(1))).isZero();
        assertThat(advanceAndRun(Duration.ofSeconds(1))).isEqualTo(1);

        sitrep.run("cancel INC-1 \"Duplicate of INC-2\"");
        assertThat(advanceAndRun(Duration.ofHours(3))).isZero();
        assertThat(sitrep.entries(INC_1, TimelineKind.REMINDER)).hasSize(1);
    }

    @Test
    void afterDowntimeEachDueReminderIsSentOnceLateSayingHowLate() {
        declare();
        sitrep.clock.advance(Duration.ofHours(3)); // no scheduler ran from 09:00 to 12:00

        ReminderScheduler restarted = sitrep.scheduler();
        assertThat(restarted.runDue()).isEqualTo(1);
        assertThat(restarted.runDue()).isZero();

        assertThat(sitrep.posted).singleElement().satisfies(m -> assertThat(m.text())
                .contains("Due 2026-02-26 09:15 UTC; sent 2 h 45 min late"));
        assertThat(sitrep.entries(INC_1, TimelineKind.REMINDER).get(0).data()).containsEntry("lateMillis", 9_900_000);
        sitrep.clock.advance(Duration.ofMinutes(15));
        assertThat(restarted.runDue()).as("the escalation counts from the late reminder").isEqualTo(1);
        assertThat(sitrep.entries(INC_1, TimelineKind.ESCALATION)).hasSize(1);
    }

    @Test
    void aReminderClaimedByAnInstanceThatDiedIsSentByAnotherAfterTheLease() {
        declare();
        sitrep.clock.advance(Duration.ofMinutes(15));
        assertThat(sitrep.queue.claimDue(sitrep.clock.instant(), 10, Duration.ofSeconds(30))).containsExactly(INC_1);

        assertThat(scheduler.runDue()).as("claimed elsewhere").isZero();
        assertThat(advanceAndRun(Duration.ofSeconds(31))).isEqualTo(1);
        assertThat(sitrep.posted.get(0).text()).contains("sent 31 s late");
    }

    @Test
    void threeInstancesOnOneRedisSendEachOfAThousandDueRemindersOnce() throws Exception {
        for (int i = 0; i < 1000; i++) {
            sitrep.run("declare \"Incident " + i + "\"");
        }
        sitrep.clock.advance(Duration.ofMinutes(15)); // all due at the same moment
        List<ReminderScheduler> instances = List.of(sitrep.scheduler(), sitrep.scheduler(), sitrep.scheduler());
        ExecutorService threads = Executors.newFixedThreadPool(3);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Callable<Integer>> passes = new ArrayList<>();
            for (ReminderScheduler instance : instances) {
                passes.add(() -> {
                    start.await();
                    return instance.runDue();
                });
            }
            List<Future<Integer>> results = new ArrayList<>();
            for (Callable<Integer> pass : passes) {
                results.add(threads.submit(pass));
            }
            start.countDown();
            int sent = 0;
            for (Future<Integer> result : results) {
                sent += result.get();
            }

            assertThat(sent).isEqualTo(1000);
            assertThat(sitrep.posted).hasSize(1000);
            assertThat(new HashSet<>(sitrep.postedAbout)).hasSize(1000);
            for (int n = 1; n <= 1000; n++) {
                assertThat(sitrep.entries(new IncidentId(n), TimelineKind.REMINDER)).hasSize(1);
            }
            int again = 0;
            for (ReminderScheduler instance : instances) {
                again += instance.runDue();
            }
            assertThat(again).isZero();
        } finally {
            threads.shutdownNow();
        }
    }

    private static io.sitrep.integrations.chat.ChatCommand command(String text) {
        return new io.sitrep.integrations.chat.ChatCommand(text, new io.sitrep.integrations.chat.Actor("alice"),
                ReminderFixture.LOBBY);
    }
}
