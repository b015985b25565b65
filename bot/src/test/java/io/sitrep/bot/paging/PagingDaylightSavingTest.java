package io.sitrep.bot.paging;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.sitrep.bot.oncall.OnCallLoader;
import io.sitrep.bot.reminder.ReminderScheduler;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;

import static io.sitrep.bot.paging.PagingFixture.INC_1;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page escalating across the night Berlin's clocks go forward (28 March 2027, 02:00 CET →
 * 03:00 CEST): the timer runs in real minutes, and each level pages whoever the schedule has on
 * call at that instant — the handoff at 03:00 local falls between the two levels.
 */
@Timeout(60)
class PagingDaylightSavingTest {

    private static final String NIGHTS = """
            id: nights
            name: Night on-call
            timezone: Europe/Berlin
            layers:
              - name: primary
                rotation: daily
                handoff: "03:00"
                start: 2027-03-20
                people: [ant, bea]
            """;
    private static final String POLICY = """
            id: nights
            services: [batch]
            levels:
              - notify: [schedule:nights]
                escalate-after: PT5M
            repeat: 1
            """;

    private final PagingFixture sitrep = new PagingFixture(List.of(
            new OnCallLoader.SourceFile("schedules/nights.yml", NIGHTS),
            new OnCallLoader.SourceFile("policies/nights.yml", POLICY)),
            Instant.parse("2027-03-28T00:58:00Z")); // 01:58 CET, two minutes before the clocks jump
    private final ReminderScheduler clock = sitrep.scheduler();

    @Test
    void theEscalationWaitsFiveRealMinutesAndPagesTheNightsNewOnCall() {
        sitrep.ok("declare \"batch jobs stuck\" --sev 1 --service batch", "U0ALICE");
        clock.runDue();
        sitrep.clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertThat(clock.runDue()).as("five minutes of real time, not of wall-clock time").isZero();
        sitrep.clock.advance(Duration.ofSeconds(1)); // 01:03Z, 03:03 CEST: past the 03:00 handoff
        assertThat(clock.runDue()).isEqualTo(1);

        List<TimelineEntry> paged = sitrep.entries(INC_1, TimelineKind.PAGED);
        assertThat(paged).extracting(e -> e.data().get("people")).containsExactly(List.of("bea"), List.of("ant"));
        assertThat(paged).extracting(TimelineEntry::at).containsExactly(Instant.parse("2027-03-28T00:58:00Z"),
                Instant.parse("2027-03-28T01:03:00Z"));
    }
}
