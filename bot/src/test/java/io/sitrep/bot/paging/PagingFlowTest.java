package io.sitrep.bot.paging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.sitrep.bot.postmortem.MarkdownExport;
import io.sitrep.bot.postmortem.PostmortemReport;
import io.sitrep.bot.reminder.ReminderScheduler;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.Platform;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.paging.Page;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.MessageAction;
import io.sitrep.integrations.chat.PageMark;

import static io.sitrep.bot.paging.PagingFixture.INC_1;
import static org.assertj.core.api.Assertions.assertThat;

/** Pages from trigger to acknowledgement or exhaustion, on the reminder clock, with what each step queues. */
@Timeout(120)
class PagingFlowTest {

    private final PagingFixture sitrep = new PagingFixture();
    private final ReminderScheduler clock = sitrep.scheduler();

    private void declareSev1() {
        sitrep.ok("declare \"ConnectMe login failures\" --sev 1 --service connectme", "U0ALICE");
    }

    /** Everything due now, as a replica's clock does: it looks again until nothing is due. */
    private int runAllDue() {
        int sent = 0;
        for (int handled = clock.runDue(); handled > 0; handled = clock.runDue()) {
            sent += handled;
        }
        return sent;
    }

    private List<DeliveryMessage> notifications() {
        return sitrep.posted.stream().filter(DeliveryMessage::notifies).toList();
    }

    @Test
    void aSevereDeclarationPagesTheOnCallOfItsServiceByEveryMethodTheyHave() {
        declareSev1();
        Page requested = sitrep.incident(INC_1).paging().pages().get(0);
        assertThat(requested.policy()).isEqualTo("platform");
        assertThat(requested.dueAt()).as("due at once").isEqualTo(sitrep.clock.instant());
        assertThat(notifications()).as("nobody is notified before the clock steps the page").isEmpty();

        assertThat(clock.runDue()).isEqualTo(1);

        assertThat(sitrep.entries(INC_1, TimelineKind.PAGED)).singleElement().satisfies(entry -> {
            assertThat(entry.data()).containsEntry("people", List.of("ant")).containsEntry("level", 1);
            assertThat(entry.text()).contains("Paged ant for INC-1/P1").contains("level 1 of 2");
        });
        assertThat(notifications()).extracting(DeliveryMessage::audience).containsExactly(
                new Audience.Person(Platform.named("slack"), "U0ANT"),
                new Audience.Person(Platform.named("discord"), "1100000000000000001"),
                new Audience.Pager("email", "ant@example.com"));
        assertThat(notifications().get(0).actions()).containsExactly(new MessageAction("Acknowledge", "ack INC-1 --button"));
        assertThat(notifications()).allSatisfy(m -> assertThat(m.page()).isEqualTo(
                new PageMark("P1", PageMark.Kind.NOTIFY, "ant", 0)));

        assertThat(clock.runDue()).as("nothing more is due until the level's five minutes pass").isZero();
    }

    @Test
    void nobodyAcknowledgingEscalatesLevelByLevelRepeatsOnceThenSaysSo() {
        declareSev1();
        runAllDue();
        sitrep.clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertThat(clock.runDue()).isZero();
        sitrep.clock.advance(Duration.ofSeconds(1));
        assertThat(clock.runDue()).isEqualTo(1);
        assertThat(sitrep.entries(INC_1, TimelineKind.ESCALATED)).singleElement()
                .satisfies(e -> assertThat(e.text()).contains("Nobody acknowledged INC-1/P1 within 5m"));
        assertThat(notifications()).last().satisfies(m -> {
            assertThat(m.audience()).isEqualTo(new Audience.Pager("pagerduty", "0123456789abcdef0123456789abcdef"));
            assertThat(m.page().level()).isEqualTo(1);
        });

        sitrep.clock.advance(Duration.ofMinutes(10));
        runAllDue(); // repeat 1: the schedule again
        sitrep.clock.advance(Duration.ofMinutes(5));
        runAllDue(); // and the lead again
        sitrep.clock.advance(Duration.ofMinutes(10));
        runAllDue(); // nobody answered at all

        Page page = sitrep.incident(INC_1).paging().pages().get(0);
        assertThat(page.live()).as(sitrep.store.timeline(INC_1).stream().map(TimelineEntry::text).toList().toString())
                .isFalse();
        assertThat(page.endReason()).isEqualTo("nobody acknowledged");
        assertThat(sitrep.entries(INC_1, TimelineKind.PAGED)).filteredOn(e -> "P1".equals(e.data().get("page")))
                .extracting(e -> e.data().get("round")).containsExactly(0, 0, 1, 1);
        assertThat(sitrep.incident(INC_1).paging().page("P2")).as("the overdue update paged the commander too")
                .hasValueSatisfying(p -> assertThat(p.targets()).containsExactly("<@U0ALICE>"));
        assertThat(sitrep.posted).filteredOn(m -> m.audience().equals(Audience.ESCALATION))
                .filteredOn(m -> m.text().startsWith("Nobody acknowledged")).singleElement()
                .satisfies(m -> assertThat(m.text()).contains("Nobody acknowledged INC-1/P1").contains("1 repeat"));
        sitrep.clock.advance(Duration.ofHours(1));
        long before = notifications().stream().filter(m -> m.page().page().equals("P1")).count();
        runAllDue();
        assertThat(notifications()).filteredOn(m -> m.page().page().equals("P1"))
                .as("an exhausted page wakes nobody again").hasSize((int) before);
    }

    @Test
    void theFirstAcknowledgementStopsEverythingAndTellsTheOthers() {
        declareSev1();
        runAllDue();
        sitrep.clock.advance(Duration.ofMinutes(5));
        runAllDue(); // the lead is paged too
        sitrep.clock.advance(Duration.ofMinutes(2));

        assertThat(sitrep.run("ack INC-1", "U0STRANGER").error()).hasValueSatisfying(e ->
                assertThat(e).contains("a person paged for INC-1 or someone holding a role"));
        String answer = sitrep.ok("ack INC-1 --button", "U0ANT").replies().get(0).text();
        assertThat(answer).contains("<@U0ANT> acknowledged INC-1 (button) 7m after the page");

        TimelineEntry ack = sitrep.entries(INC_1, TimelineKind.ACKNOWLEDGED).get(0);
        assertThat(ack.data()).containsEntry("how", "button").containsEntry("afterSeconds", 420)
                .containsEntry("by", "<@U0ANT>");
        List<DeliveryMessage> handled = sitrep.posted.stream()
                .filter(m -> m.page() != null && m.page().kind() == PageMark.Kind.HANDLED).toList();
        assertThat(handled).as("the lead is told; the acknowledger is not")
                .extracting(m -> m.page().person()).containsOnly("lead");
        assertThat(handled).extracting(DeliveryMessage::audience).containsExactly(
                new Audience.Pager("email", "lead@example.com"),
                new Audience.Pager("pagerduty", "0123456789abcdef0123456789abcdef"));

        long sent = notifications().stream().filter(m -> m.page().page().equals("P1")).count();
        sitrep.clock.advance(Duration.ofHours(2));
        runAllDue(); // reminders, and a page of its own for the overdue update
        assertThat(notifications()).filteredOn(m -> m.page().page().equals("P1"))
                .as("nothing of the page after its acknowledgement").hasSize((int) sent);
        assertThat(sitrep.run("ack INC-1", "U0ANT").error()).hasValueSatisfying(e ->
                assertThat(e).contains("INC-1 is acknowledged already: <@U0ANT>"));

        PostmortemReport report = PostmortemReport.of(sitrep.incident(INC_1), sitrep.store.timeline(INC_1));
        assertThat(report.keyTimes().timeToAcknowledge()).isEqualTo(Duration.ofMinutes(7));
        assertThat(MarkdownExport.render(report)).contains("| Paged | 2026-12-07 02:00 UTC |")
                .contains("| Acknowledged | 2026-12-07 02:07 UTC |").contains("| Time to acknowledge | 7m |");
    }

    @Test
    void anAcknowledgementRacingTheEscalationHasOneRecordedOutcome() throws Exception {
        List<IncidentId> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            IncidentId id = new IncidentId(i + 1);
            sitrep.ok("declare \"race " + i + "\" --sev 1 --service connectme", "U0ALICE");
            ids.add(id);
        }
        runAllDue();
        sitrep.clock.advance(Duration.ofMinutes(5));
        ReminderScheduler replica = sitrep.scheduler();
        List<CompletableFuture<?>> racing = new ArrayList<>();
        for (IncidentId id : ids) {
            racing.add(CompletableFuture.runAsync(() -> sitrep.run("ack " + id + " --button", "U0ANT")));
        }
        racing.add(CompletableFuture.runAsync(clock::runDue));
        racing.add(CompletableFuture.runAsync(replica::runDue));
        CompletableFuture.allOf(racing.toArray(CompletableFuture[]::new)).get();

        for (IncidentId id : ids) {
            Incident incident = sitrep.incident(id);
            Page page = incident.paging().pages().get(0);
            assertThat(page.acknowledged()).as(id + " acknowledged").isNotNull();
            List<TimelineEntry> escalations = sitrep.entries(id, TimelineKind.ESCALATED);
            assertThat(escalations).as(id + ": escalated at most once").hasSizeLessThanOrEqualTo(1);
            TimelineEntry acknowledged = sitrep.entries(id, TimelineKind.ACKNOWLEDGED).get(0);
            boolean levelTwo = page.notifications().stream().anyMatch(n -> n.level() == 1);
            assertThat(levelTwo).as(id + ": the lead paged exactly when the escalation came first")
                    .isEqualTo(!escalations.isEmpty());
            escalations.forEach(e -> assertThat(e.recordedAt()).isBeforeOrEqualTo(acknowledged.recordedAt()));
        }
    }

    @Test
    void resolvingEndsThePagesAndTellsOnlyMachines() {
        sitrep.ok("declare \"db down\" --sev 2 --service login", "U0ALICE");
        runAllDue();
        sitrep.ok("page INC-1 person:bea \"need the db owner\"", "U0ALICE");
        runAllDue();
        sitrep.ok("resolved INC-1 \"failed over\"", "U0ALICE");

        assertThat(sitrep.incident(INC_1).paging().live()).isEmpty();
        assertThat(sitrep.incident(INC_1).paging().pages()).extracting(Page::endReason)
                .containsOnly("INC-1 resolved");
        List<DeliveryMessage> ended = sitrep.posted.stream()
                .filter(m -> m.page() != null && m.page().kind() == PageMark.Kind.ENDED).toList();
        assertThat(ended).extracting(DeliveryMessage::audience)
                .containsExactly(new Audience.Pager("webhook", "https://pager.example/bea"));
        sitrep.clock.advance(Duration.ofHours(1));
        assertThat(clock.runDue()).isZero();
    }

    @Test
    void pagingByHandNamesTheNearestTargetAndWarnsOfSomeoneUnreachable() {
        declareSev1();
        assertThat(sitrep.run("page INC-1 schedule:platfrom", "U0ALICE").error())
                .hasValueSatisfying(e -> assertThat(e).contains("There is no schedule \"platfrom\"; did you mean platform?"));
        assertThat(sitrep.run("page INC-1 policy:nope", "U0ALICE").error())
                .hasValueSatisfying(e -> assertThat(e).contains("There is no escalation policy \"nope\""));
        assertThat(sitrep.incident(INC_1).paging().pages()).as("a refused page changes nothing").hasSize(1);

        String answer = sitrep.ok("page INC-1 dave \"are you around?\"", "U0BOB").replies().get(0).text();
        assertThat(answer).contains("Paging person:dave for INC-1 (P2)").contains("dave cannot be reached");
        runAllDue();
        assertThat(sitrep.entries(INC_1, TimelineKind.NOTIFIED)).singleElement()
                .satisfies(e -> assertThat(e.data()).containsEntry("person", "dave").containsEntry("failed", true));

        sitrep.ok("page INC-1 <@U0NEW>", "U0BOB");
        runAllDue();
        assertThat(notifications()).last().extracting(DeliveryMessage::audience)
                .isEqualTo(new Audience.Person(Platform.named("slack"), "U0NEW"));
    }

    @Test
    void aPageOutsideAnyIncidentGetsAPrivateIncidentOfItsOwn() {
        String answer = sitrep.ok("page schedule:platform \"is the db failover expected?\"", "U0BOB").replies().get(0).text();
        assertThat(answer).contains("Paging schedule:platform as INC-1/P1").contains("private and in triage");
        Incident carrier = sitrep.incident(INC_1);
        assertThat(carrier.visibility()).isEqualTo(io.sitrep.incident.Visibility.PRIVATE);
        assertThat(carrier.state()).isEqualTo(io.sitrep.incident.IncidentState.TRIAGE);
        assertThat(sitrep.posted).as("stakeholders hear nothing of a page")
                .noneMatch(m -> m.audience().equals(Audience.STAKEHOLDERS));
        runAllDue();
        assertThat(notifications()).extracting(m -> m.page().person()).contains("ant");
        sitrep.ok("ack INC-1", "U0ANT");
        assertThat(sitrep.incident(INC_1).paging().live()).isEmpty();
    }

    @Test
    void aLowSeverityPagesNobodyUntilItIsRaised() {
        sitrep.ok("declare \"slow search\" --sev 3 --service connectme", "U0ALICE");
        assertThat(sitrep.incident(INC_1).paging().pages()).isEmpty();
        sitrep.ok("sev INC-1 2", "U0ALICE");
        assertThat(sitrep.incident(INC_1).paging().pages()).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("raised from SEV3"));
    }

    @Test
    void eachLevelPagesWhoeverIsOnCallAtThatMomentAcrossAHandoff() {
        sitrep.clock.advance(Duration.ofHours(5).plusMinutes(50)); // 08:50 Berlin, ant's last ten minutes
        declareSev1();
        runAllDue();
        sitrep.clock.advance(Duration.ofMinutes(5));
        runAllDue(); // the lead
        sitrep.clock.advance(Duration.ofMinutes(10)); // 09:05 Berlin: bea's week now
        runAllDue();
        assertThat(sitrep.entries(INC_1, TimelineKind.PAGED)).extracting(e -> e.data().get("people"))
                .containsExactly(List.of("ant"), List.of("lead"), List.of("bea"));
    }
}
