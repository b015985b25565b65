package io.sitrep.bot.alerts;

import static io.sitrep.bot.alerts.AlertDeskRig.T0;
import static io.sitrep.bot.alerts.AlertDeskRig.alert;
import static io.sitrep.bot.alerts.AlertDeskRig.note;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.sitrep.bot.command.MutableClock;
import io.sitrep.bot.notice.Notices;
import io.sitrep.bot.notice.TriageDeclarer;
import io.sitrep.bot.runbook.RunbookCatalog;
import io.sitrep.config.AlertSettings;
import io.sitrep.config.ReminderSettings;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentChange;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.Severity;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.UpdateSchedule;
import io.sitrep.incident.lifecycle.SpringStatemachineLifecycle;
import io.sitrep.incident.store.StoreUnavailableException;
import io.sitrep.integrations.alerts.Alert;
import io.sitrep.integrations.alerts.AlertIntake;
import io.sitrep.integrations.alerts.StormLink;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.redis.RedisAlertMarks;
import io.sitrep.integrations.redis.RedisConnection;
import io.sitrep.integrations.redis.RedisIncidentLinks;
import io.sitrep.integrations.redis.RedisIncidentStore;
import io.sitrep.integrations.redis.RedisNewIncidentBudget;
import io.sitrep.integrations.redis.RedisStormLink;
import io.sitrep.integrations.redis.TestRedis;

/**
 * What the alert desk records and says: the runbooks that fit, each alert's severity, and one
 * storm incident per storm, raised to its worst alert.
 */
class AlertDeskTest {

    @Test
    void suggestsTheRunbooksThatFitAFiringAlert() {
        RedisConnection redis = TestRedis.flushed();
        RedisIncidentStore store = new RedisIncidentStore(redis);
        SpringStatemachineLifecycle lifecycle = new SpringStatemachineLifecycle();
        IncidentWriter writer = new IncidentWriter(store, lifecycle);
        List<DeliveryMessage> posted = new CopyOnWriteArrayList<>();
        Notices notices = new Notices(delivery -> posted.addAll(delivery.messages()));
        TriageDeclarer triage = new TriageDeclarer(writer, lifecycle, new UpdateSchedule(ReminderSettings.defaults()),
                notices);
        AlertDesk desk = new AlertDesk(store, writer, new RedisAlertMarks(redis, AlertDesk.IN_FLIGHT_FOR,
                Duration.ofHours(1)), new RedisIncidentLinks(redis), triage, notices, MutableClock.incidentMorning(),
                RunbookCatalog.load(null), now -> true, AlertSettings.defaults(),
                new AlertStorm(new RedisStormLink(redis, AlertStorm.CLAIM_FOR), store, triage,
                        new UpdateSchedule(ReminderSettings.defaults()), 5));

        desk.receive(List.of(new Alert(true, "NodeUnresponsive", Map.of("alertname", "NodeUnresponsive",
                "node", "platform-node-7"), Map.of("summary", "platform-node-7 is unresponsive"),
                Instant.parse("2026-02-26T08:19:00Z"), null, "fp-1", "{}")));

        assertThat(store.find(new IncidentId(1))).isPresent();
        assertThat(posted).extracting(DeliveryMessage::text).anySatisfy(text -> assertThat(text)
                .startsWith("Runbooks that fit NodeUnresponsive: platform-node-unresponsive"));
    }

    @Test
    void anAlertsSeverityLabelAndStartBecomeTheIncidentsSeverityAndDetectionTime() {
        AlertDeskRig f = new AlertDeskRig(5);

        f.desk.receive(List.of(alert("LoginErrors", "login", "critical", Instant.parse("2026-02-26T08:19:00Z"), "fp-a"),
                alert("SearchSlow", "search", "warning", Instant.parse("2026-02-26T10:00:00Z"), "fp-b"),
                alert("QueueLag", "queue", "unheard-of", Instant.parse("2026-02-26T08:30:00Z"), "fp-c")));

        assertThat(f.store.find(new IncidentId(1)).orElseThrow()).satisfies(i -> {
            assertThat(i.severity()).isEqualTo(Severity.SEV1);
            assertThat(i.detectedAt()).isEqualTo(Instant.parse("2026-02-26T08:19:00Z"));
        });
        assertThat(f.store.find(new IncidentId(2)).orElseThrow()).as("a start in the future is taken as now")
                .satisfies(i -> {
                    assertThat(i.severity()).isEqualTo(Severity.SEV3);
                    assertThat(i.detectedAt()).isEqualTo(Instant.parse("2026-02-26T09:00:00Z"));
                });
        assertThat(f.store.find(new IncidentId(3)).orElseThrow().severity()).as("an unknown label keeps the default")
                .isEqualTo(Severity.DEFAULT);
    }

    @Test
    void aStormOpensFiveIncidentsAMinuteAndTheRestJoinOneStormIncidentEachOnItsTimeline() {
        AlertDeskRig f = new AlertDeskRig(5);
        List<Alert> storm = new java.util.ArrayList<>();
        for (int i = 0; i < 500; i++) {
            storm.add(alert("ServiceDown", "svc-" + i, i % 50 == 0 ? "critical" : "warning",
                    Instant.parse("2026-02-26T08:19:00Z"), "fp-" + i));
        }

        long start = System.nanoTime();
        AlertIntake.Result result = f.desk.receive(storm);
        System.out.printf("500-alert storm answered in %d ms%n", (System.nanoTime() - start) / 1_000_000);

        assertThat(result.declared()).isEqualTo(5);
        assertThat(result.stormed()).isEqualTo(495);
        List<Incident> open = f.store.findOpen();
        assertThat(open).hasSize(6);
        Incident stormIncident = open.get(5);
        assertThat(stormIncident.title()).isEqualTo("Alert storm: more than 5 alerts a minute fire without an incident");
        assertThat(stormIncident.severity()).as("the storm's worst").isEqualTo(Severity.SEV1);
        assertThat(f.store.timeline(stormIncident.id()).stream()
                .filter(e -> e.kind() == TimelineKind.ALERT)).hasSize(495);

        // Later in the same minute: the storm incident takes the next ones too.
        f.desk.receive(List.of(alert("ServiceDown", "svc-late", "warning", Instant.parse("2026-02-26T08:19:00Z"),
                "fp-late")));
        assertThat(f.store.findOpen()).hasSize(6);
        assertThat(f.store.timeline(stormIncident.id()).stream()
                .filter(e -> e.kind() == TimelineKind.ALERT)).hasSize(496);
    }

    @Test
    void criticalAlertsJoiningAWarningStormRaiseItAsASevCommandWouldAndLaterWarningsDoNotLowerIt() {
        AlertDeskRig f = new AlertDeskRig(1);
        f.desk.receive(List.of(alert("DiskFull", "db", "warning", T0, "fp-1"), alert("DiskFull", "cache", "warning", T0,
                "fp-2")));
        IncidentId storm = new IncidentId(2);
        assertThat(f.store.find(storm).orElseThrow().severity()).isEqualTo(Severity.SEV3);
        // Accepted, with an update posted at 09:00: the next one is owed after SEV3's cadence.
        f.writer.update(storm, current -> Optional.of(new IncidentChange(current.toBuilder()
                .state(IncidentState.INVESTIGATING).lastUpdate(T0.plusSeconds(3600), "Looking")
                .nextUpdateDueAt(T0.plusSeconds(7200)).build(), note("accepted"))));
        f.posted.clear();

        f.desk.receive(List.of(alert("ServiceDown", "login", "critical", T0, "fp-3")));

        Incident raised = f.store.find(storm).orElseThrow();
        assertThat(raised.severity()).isEqualTo(Severity.SEV1);
        assertThat(raised.nextUpdateDueAt()).as("re-planned for SEV1's cadence from the last update")
                .isEqualTo(T0.plusSeconds(3600).plus(Duration.ofMinutes(15)));
        assertThat(f.store.timeline(storm)).filteredOn(e -> e.kind() == TimelineKind.SEVERITY_CHANGED).singleElement()
                .satisfies(e -> {
                    assertThat(e.text()).isEqualTo("SEV3 → SEV1");
                    assertThat(e.data()).containsEntry("from", "SEV3").containsEntry("to", "SEV1");
                    assertThat(e.actor()).isEqualTo("sitrep");
                    assertThat(e.source()).isEqualTo(AlertDesk.SOURCE.wireName());
                });
        assertThat(f.posted).extracting(DeliveryMessage::text)
                .contains("⬆️ INC-2 is now SEV1 (was SEV3): alerts of that severity joined the storm.");

        f.desk.receive(List.of(alert("DiskFull", "queue", "warning", T0, "fp-4")));
        assertThat(f.store.find(storm).orElseThrow().severity()).isEqualTo(Severity.SEV1);
        assertThat(f.store.timeline(storm)).filteredOn(e -> e.kind() == TimelineKind.SEVERITY_CHANGED).hasSize(1);
        assertThat(f.alertsOn(storm)).hasSize(3);
    }

    @ParameterizedTest
    @EnumSource(value = IncidentState.class, names = {"RESOLVED", "POSTMORTEM", "CLOSED", "CANCELLED"})
    void aStormLinkToAnIncidentNoLongerTakingTheStormGivesTheNextStormANewIncident(IncidentState over) {
        AlertDeskRig f = new AlertDeskRig(1);
        f.desk.receive(List.of(alert("DiskFull", "db", "warning", T0, "fp-1"), alert("DiskFull", "cache", "warning", T0,
                "fp-2")));
        IncidentId first = new IncidentId(2);
        f.writer.update(first, current -> Optional.of(new IncidentChange(current.toBuilder().state(over).build(),
                note("storm over"))));

        AlertIntake.Result result = f.desk.receive(List.of(alert("DiskFull", "queue", "warning", T0, "fp-3")));

        assertThat(result.stormed()).isEqualTo(1);
        IncidentId second = new IncidentId(3);
        assertThat(f.store.find(second).orElseThrow().title()).startsWith("Alert storm");
        assertThat(f.alertsOn(first)).hasSize(1);
        assertThat(f.alertsOn(second)).singleElement().satisfies(e -> assertThat(e.data())
                .containsEntry("fingerprint", "fp-3"));
        assertThat(new RedisStormLink(f.redis, AlertStorm.CLAIM_FOR).claim(Optional.empty()))
                .isEqualTo(new StormLink.Claim.Linked(second));
    }

    @Test
    void aClaimWhoseHolderDiedBeforeLinkingIsTakenOverOnceItExpires() {
        AlertDeskRig f = new AlertDeskRig(1);
        f.desk.receive(List.of(alert("DiskFull", "db", "warning", T0, "fp-1")));
        assertThat(new RedisStormLink(f.redis, Duration.ofMillis(200)).claim(Optional.empty()))
                .isInstanceOf(StormLink.Claim.Declare.class);

        AlertIntake.Result result = f.desk.receive(List.of(alert("DiskFull", "cache", "warning", T0, "fp-2")));

        assertThat(result.stormed()).isEqualTo(1);
        IncidentId storm = new IncidentId(2);
        assertThat(f.alertsOn(storm)).hasSize(1);
        assertThat(new RedisStormLink(f.redis, AlertStorm.CLAIM_FOR).claim(Optional.empty()))
                .isEqualTo(new StormLink.Claim.Linked(storm));
    }

    @Test
    void aClaimHeldPastTheWaitFailsTheNotificationAsUnavailableAndItsRetryIsNoRepeat() {
        AlertDeskRig f = new AlertDeskRig(1, d -> { }, Duration.ofMillis(100));
        f.desk.receive(List.of(alert("DiskFull", "db", "warning", T0, "fp-1")));
        RedisStormLink stuck = new RedisStormLink(f.redis, Duration.ofMinutes(5));
        StormLink.Claim held = stuck.claim(Optional.empty());
        List<Alert> notification = List.of(alert("DiskFull", "cache", "warning", T0, "fp-2"),
                alert("DiskFull", "queue", "critical", T0, "fp-3"));

        assertThatThrownBy(() -> f.desk.receive(notification)).isInstanceOf(StoreUnavailableException.class);
        assertThat(f.store.findAll()).hasSize(1);

        stuck.release(((StormLink.Claim.Declare) held).token());
        AlertIntake.Result retried = f.desk.receive(notification);
        assertThat(retried.repeats()).isZero();
        assertThat(retried.stormed()).isEqualTo(2);
        assertThat(f.store.find(new IncidentId(2)).orElseThrow().severity()).isEqualTo(Severity.SEV1);
    }
}
