package io.sitrep.bot.alerts;

import static io.sitrep.bot.alerts.AlertDeskRig.T0;
import static io.sitrep.bot.alerts.AlertDeskRig.alert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sitrep.incident.IncidentId;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.store.StoreUnavailableException;
import io.sitrep.integrations.alerts.Alert;
import io.sitrep.integrations.alerts.AlertIntake;

/**
 * A replica killed with SIGKILL while it records a notification answers Alertmanager nothing,
 * so Alertmanager sends the notification again, to it once restarted or to another replica:
 * wherever the kill fell, the retry leaves each alert on its timelines exactly once.
 */
class AlertDeskKillTest {

    private static final IncidentId INC_1 = new IncidentId(1);
    private static final IncidentId INC_2 = new IncidentId(2);

    @Test
    void anAlertWhoseReplicaWasKilledBeforeRecordingItIsRecordedOnceByTheRetry() {
        AlertDeskRig f = new AlertDeskRig(5);
        f.desk.receive(List.of(alert("DiskFull", "db", "warning", T0, "fp-1")));
        List<Alert> notification = List.of(alert("DiskFull", "db", "warning", T0, "fp-1"),
                alert("ReplicationLag", "db", "critical", T0, "fp-2"));

        f.dying.dieBeforeNextWrite();
        assertThatThrownBy(() -> f.desk.receive(notification)).isInstanceOf(DyingStore.Killed.class);
        assertThatThrownBy(() -> f.desk.receive(notification)).as("the killed delivery might still be at work")
                .isInstanceOf(StoreUnavailableException.class);
        f.clock.advance(AlertDesk.IN_FLIGHT_FOR);
        AlertIntake.Result retried = f.desk.receive(notification);

        assertThat(retried.attached()).isOne();
        assertThat(retried.repeats()).isOne();
        assertThat(f.alertsOn(INC_1)).singleElement().satisfies(e -> assertThat(e.data())
                .containsEntry("fingerprint", "fp-2"));
        assertThat(f.desk.receive(notification).repeats()).isEqualTo(2);
        assertThat(f.alertsOn(INC_1)).hasSize(1);
    }

    @Test
    void anAlertWhoseReplicaWasKilledRightAfterRecordingItIsNotRecordedAgainByTheRetry() {
        AlertDeskRig f = new AlertDeskRig(5);
        f.desk.receive(List.of(alert("DiskFull", "db", "warning", T0, "fp-1")));
        List<Alert> notification = List.of(alert("ReplicationLag", "db", "critical", T0, "fp-2"));

        f.dying.dieAfterNextWrite();
        assertThatThrownBy(() -> f.desk.receive(notification)).isInstanceOf(DyingStore.Killed.class);
        assertThat(f.alertsOn(INC_1)).hasSize(1);
        f.clock.advance(AlertDesk.IN_FLIGHT_FOR);
        AlertIntake.Result retried = f.desk.receive(notification);

        assertThat(retried.repeats()).isOne();
        assertThat(retried.attached()).isZero();
        assertThat(f.alertsOn(INC_1)).singleElement().satisfies(e -> assertThat(e.data())
                .containsEntry("fingerprint", "fp-2"));
        assertThat(f.desk.receive(notification).repeats()).as("marked recorded by the retry").isOne();
    }

    @Test
    void anAlertOnTwoIncidentsWhoseReplicaWasKilledBetweenTheirWritesReachesOnlyTheSecondOnRetry() {
        AlertDeskRig f = new AlertDeskRig(5);
        f.desk.receive(List.of(alert("DiskFull", "db", "warning", T0, "fp-1"), new Alert(true, "NodeDown",
                Map.of("alertname", "NodeDown", "node", "db-node-1"), Map.of(), T0, null, "fp-2", "{}")));
        Alert both = new Alert(true, "ReplicationLag", Map.of("alertname", "ReplicationLag", "service", "db",
                "node", "db-node-1"), Map.of(), T0, null, "fp-3", "{}");

        f.dying.dieAfterNextWrite();
        assertThatThrownBy(() -> f.desk.receive(List.of(both))).isInstanceOf(DyingStore.Killed.class);
        assertThat(f.alertsOn(INC_1)).hasSize(1);
        assertThat(f.alertsOn(INC_2)).isEmpty();
        f.clock.advance(AlertDesk.IN_FLIGHT_FOR);
        AlertIntake.Result retried = f.desk.receive(List.of(both));

        assertThat(retried.attached()).isOne();
        assertThat(f.alertsOn(INC_1)).hasSize(1);
        assertThat(f.alertsOn(INC_2)).singleElement().satisfies(e -> assertThat(e.data())
                .containsEntry("fingerprint", "fp-3"));
    }

    @Test
    void anIncidentDeclaredForAnAlertJustBeforeItsReplicaWasKilledIsNotDeclaredAgain() {
        AlertDeskRig f = new AlertDeskRig(5);
        Alert heartbeat = new Alert(true, "Heartbeat", Map.of("alertname", "Heartbeat"), Map.of(), T0, null,
                "fp-hb", "{}");

        f.dying.dieAfterNextWrite();
        assertThatThrownBy(() -> f.desk.receive(List.of(heartbeat))).isInstanceOf(DyingStore.Killed.class);
        // As a kill between the declaration and its open-index entry leaves it.
        f.redis.jedis().srem("sitrep:open", INC_1.toString());
        f.clock.advance(AlertDesk.IN_FLIGHT_FOR);
        AlertIntake.Result retried = f.desk.receive(List.of(heartbeat));

        assertThat(retried.declared()).isZero();
        assertThat(retried.repeats()).isOne();
        assertThat(f.store.findAll()).hasSize(1);
        // The killed replica's restart indexes it again; its resolution reaches it by the link the retry wrote.
        f.store.rebuildIndexes();
        Alert resolved = new Alert(false, "Heartbeat", heartbeat.labels(), Map.of(), T0, T0.plusSeconds(600),
                "fp-hb", "{}");
        assertThat(f.desk.receive(List.of(resolved)).resolved()).isOne();
        assertThat(f.alertsOn(INC_1)).singleElement().satisfies(e -> assertThat(e.data())
                .containsEntry("status", "resolved"));
    }

    @Test
    void stormedAlertsWhoseReplicaWasKilledRightAfterTheyJoinedTheStormJoinItOnce() {
        AlertDeskRig f = new AlertDeskRig(1);
        f.desk.receive(List.of(alert("DiskFull", "db", "warning", T0, "fp-1"),
                alert("DiskFull", "cache", "warning", T0, "fp-2")));
        List<Alert> notification = List.of(alert("DiskFull", "queue", "warning", T0, "fp-3"),
                alert("DiskFull", "search", "critical", T0, "fp-4"));

        f.dying.dieAfterNextWrite();
        assertThatThrownBy(() -> f.desk.receive(notification)).isInstanceOf(DyingStore.Killed.class);
        f.clock.advance(AlertDesk.IN_FLIGHT_FOR);
        AlertIntake.Result retried = f.desk.receive(notification);

        assertThat(retried.repeats()).isEqualTo(2);
        assertThat(retried.stormed()).isZero();
        assertThat(f.store.findAll()).hasSize(2);
        assertThat(f.alertsOn(INC_2)).extracting(e -> e.data().get("fingerprint"))
                .containsExactly("fp-2", "fp-3", "fp-4");
        assertThat(f.store.timeline(INC_2)).filteredOn(e -> e.kind() == TimelineKind.SEVERITY_CHANGED).hasSize(1);
    }
}
