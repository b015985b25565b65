package io.sitrep.bot.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.sitrep.bot.command.MutableClock;
import io.sitrep.bot.notice.Notices;
import io.sitrep.bot.notice.TriageDeclarer;
import io.sitrep.bot.runbook.RunbookCatalog;
import io.sitrep.config.ReminderSettings;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.UpdateSchedule;
import io.sitrep.incident.lifecycle.SpringStatemachineLifecycle;
import io.sitrep.integrations.alerts.Alert;
import io.sitrep.integrations.chat.ChatMessage;
import io.sitrep.integrations.redis.RedisConnection;
import io.sitrep.integrations.redis.RedisIncidentLinks;
import io.sitrep.integrations.redis.RedisIncidentStore;
import io.sitrep.integrations.redis.RedisRequestDeduplicator;
import io.sitrep.integrations.redis.TestRedis;

/** What the alert desk says besides recording: the runbooks that fit. */
class AlertDeskTest {

    @Test
    void suggestsTheRunbooksThatFitAFiringAlert() {
        RedisConnection redis = TestRedis.flushed();
        RedisIncidentStore store = new RedisIncidentStore(redis);
        SpringStatemachineLifecycle lifecycle = new SpringStatemachineLifecycle();
        IncidentWriter writer = new IncidentWriter(store, lifecycle);
        List<ChatMessage> posted = new CopyOnWriteArrayList<>();
        Notices notices = new Notices(delivery -> posted.addAll(delivery.messages()));
        AlertDesk desk = new AlertDesk(store, writer, new RedisRequestDeduplicator(redis, java.time.Duration.ofHours(1)),
                new RedisIncidentLinks(redis), new TriageDeclarer(writer, lifecycle,
                new UpdateSchedule(ReminderSettings.defaults()), notices), notices, MutableClock.incidentMorning(),
                RunbookCatalog.load(null), now -> true, io.sitrep.config.AlertSettings.defaults());

        desk.receive(List.of(new Alert(true, "NodeUnresponsive", Map.of("alertname", "NodeUnresponsive",
                "node", "platform-node-7"), Map.of("summary", "platform-node-7 is unresponsive"),
                Instant.parse("2026-02-26T08:19:00Z"), null, "fp-1", "{}")));

        assertThat(store.find(new IncidentId(1))).isPresent();
        assertThat(posted).extracting(ChatMessage::text).anySatisfy(text -> assertThat(text)
                .startsWith("Runbooks that fit NodeUnresponsive: platform-node-unresponsive"));
    }

    @Test
    void anAlertsSeverityLabelAndStartBecomeTheIncidentsSeverityAndDetectionTime() {
        Fixture f = new Fixture(5);

        f.desk.receive(List.of(alert("LoginErrors", "login", "critical", Instant.parse("2026-02-26T08:19:00Z"), "fp-a"),
                alert("SearchSlow", "search", "warning", Instant.parse("2026-02-26T10:00:00Z"), "fp-b"),
                alert("QueueLag", "queue", "unheard-of", Instant.parse("2026-02-26T08:30:00Z"), "fp-c")));

        assertThat(f.store.find(new IncidentId(1)).orElseThrow()).satisfies(i -> {
            assertThat(i.severity()).isEqualTo(io.sitrep.incident.Severity.SEV1);
            assertThat(i.detectedAt()).isEqualTo(Instant.parse("2026-02-26T08:19:00Z"));
        });
        assertThat(f.store.find(new IncidentId(2)).orElseThrow()).as("a start in the future is taken as now")
                .satisfies(i -> {
                    assertThat(i.severity()).isEqualTo(io.sitrep.incident.Severity.SEV3);
                    assertThat(i.detectedAt()).isEqualTo(Instant.parse("2026-02-26T09:00:00Z"));
                });
        assertThat(f.store.find(new IncidentId(3)).orElseThrow().severity()).as("an unknown label keeps the default")
                .isEqualTo(io.sitrep.incident.Severity.DEFAULT);
    }

    @Test
    void aStormOpensFiveIncidentsAMinuteAndTheRestJoinOneStormIncidentEachOnItsTimeline() {
        Fixture f = new Fixture(5);
        List<Alert> storm = new java.util.ArrayList<>();
        for (int i = 0; i < 500; i++) {
            storm.add(alert("ServiceDown", "svc-" + i, i % 50 == 0 ? "critical" : "warning",
                    Instant.parse("2026-02-26T08:19:00Z"), "fp-" + i));
        }

        long start = System.nanoTime();
        io.sitrep.integrations.alerts.AlertIntake.Result result = f.desk.receive(storm);
        System.out.printf("500-alert storm answered in %d ms%n", (System.nanoTime() - start) / 1_000_000);

        assertThat(result.declared()).isEqualTo(5);
        assertThat(result.stormed()).isEqualTo(495);
        List<io.sitrep.incident.Incident> open = f.store.findOpen();
        assertThat(open).hasSize(6);
        io.sitrep.incident.Incident stormIncident = open.get(5);
        assertThat(stormIncident.title()).isEqualTo("Alert storm: more than 5 alerts a minute fire without an incident");
        assertThat(stormIncident.severity()).as("the storm's worst").isEqualTo(io.sitrep.incident.Severity.SEV1);
        assertThat(f.store.timeline(stormIncident.id()).stream()
                .filter(e -> e.kind() == io.sitrep.incident.TimelineKind.ALERT)).hasSize(495);

        // Later in the same minute: the storm incident takes the next ones too.
        f.desk.receive(List.of(alert("ServiceDown", "svc-late", "warning", Instant.parse("2026-02-26T08:19:00Z"),
                "fp-late")));
        assertThat(f.store.findOpen()).hasSize(6);
        assertThat(f.store.timeline(stormIncident.id()).stream()
                .filter(e -> e.kind() == io.sitrep.incident.TimelineKind.ALERT)).hasSize(496);
    }

    private static Alert alert(String name, String service, String severity, Instant startsAt, String fingerprint) {
        return new Alert(true, name, Map.of("alertname", name, "service", service, "severity", severity),
                Map.of("summary", service + " is failing"), startsAt, null, fingerprint, "{}");
    }

    /** The desk on a real Redis, its budget too, at 09:00 on the incident's morning. */
    private static final class Fixture {
        final RedisIncidentStore store;
        final AlertDesk desk;

        Fixture(int perMinute) {
            RedisConnection redis = TestRedis.flushed();
            store = new RedisIncidentStore(redis);
            SpringStatemachineLifecycle lifecycle = new SpringStatemachineLifecycle();
            IncidentWriter writer = new IncidentWriter(store, lifecycle);
            Notices notices = new Notices(delivery -> { });
            desk = new AlertDesk(store, writer, new RedisRequestDeduplicator(redis, java.time.Duration.ofHours(1)),
                    new RedisIncidentLinks(redis), new TriageDeclarer(writer, lifecycle,
                    new UpdateSchedule(ReminderSettings.defaults()), notices), notices, MutableClock.incidentMorning(),
                    RunbookCatalog.load(null), new io.sitrep.integrations.redis.RedisNewIncidentBudget(redis, perMinute),
                    new io.sitrep.config.AlertSettings("", perMinute, null));
        }
    }
}
