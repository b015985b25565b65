package io.sitrep.bot.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sitrep.bot.maintenance.MaintenanceDesk;
import io.sitrep.bot.maintenance.MaintenanceEntry;
import io.sitrep.bot.maintenance.MaintenanceHold;
import io.sitrep.bot.maintenance.MaintenanceStore;
import io.sitrep.bot.maintenance.MaintenanceView;
import io.sitrep.incident.Incident;
import io.sitrep.integrations.alerts.Alert;
import io.sitrep.integrations.alerts.AlertIntake;
import io.sitrep.integrations.redis.RedisMaintenance;

/**
 * Alerts for a service in maintenance go on the window's timeline and open no incident; alerts
 * for other services, and for the same service outside the window or in another region, open
 * incidents as before.
 */
class AlertsDuringMaintenanceTest {

    private final AlertDeskRig rig = new AlertDeskRig(10);
    private final MaintenanceDesk maintenance = new MaintenanceDesk(new MaintenanceStore(new RedisMaintenance(rig.redis)),
            rig.clock);
    private final MaintenanceView view = new MaintenanceView(maintenance.store(), rig.clock, Duration.ofSeconds(5));
    private final AlertIntake intake = new MaintenanceHold(view, maintenance.store(), rig.clock).alerts(rig.desk);

    @Test
    void anAlertForTheServiceDuringItsWindowOpensNoIncidentAndIsOnTheWindowsTimeline() {
        Instant from = rig.clock.instant().plus(Duration.ofHours(1));
        maintenance.schedule("Database upgrade", "connectme", "eu-west", from, from.plus(Duration.ofHours(2)), "alice");
        rig.clock.set(from.plus(Duration.ofMinutes(10)));

        Alert expected = alert("ConnectMeDown", "connectme", "eu-west", "f-1");
        AlertIntake.Result result = intake.receive(List.of(expected, alert("BillingDown", "billing", null, "f-2")));
        intake.receive(List.of(expected));

        assertThat(result.declared()).as("only billing's").isEqualTo(1);
        assertThat(rig.store.findOpen()).extracting(Incident::service).containsExactly("billing");
        assertThat(rig.posted).noneMatch(m -> m.text().contains("ConnectMeDown"));
        assertThat(maintenance.store().timeline("MNT-1")).filteredOn(e -> e.kind().equals("alert"))
                .as("once, though Alertmanager sent it twice").singleElement()
                .satisfies(e -> assertThat(e.text()).isEqualTo("Alert firing during maintenance: ConnectMeDown — "
                        + "connectme is failing"));
    }

    @Test
    void outsideTheWindowOrInAnotherRegionAnAlertOpensAnIncidentAsBefore() {
        Instant from = rig.clock.instant().plus(Duration.ofHours(1));
        maintenance.schedule("Database upgrade", "connectme", "eu-west", from, from.plus(Duration.ofHours(2)), "alice");

        assertThat(intake.receive(List.of(alert("ConnectMeDown", "connectme", "eu-west", "f-1"))).declared())
                .as("before it starts").isEqualTo(1);
        rig.clock.set(from.plus(Duration.ofMinutes(10)));
        AlertIntake.Result otherRegion = intake.receive(List.of(alert("ConnectMeUsDown", "connectme", "us-east", "f-3")));
        assertThat(otherRegion.attached()).as("another region: on the open incident of the service, as before")
                .isEqualTo(1);
        assertThat(maintenance.store().timeline("MNT-1")).extracting(MaintenanceEntry::kind).containsExactly("scheduled");
    }

    private Alert alert(String name, String service, String region, String fingerprint) {
        Map<String, String> labels = region == null ? Map.of("alertname", name, "service", service)
                : Map.of("alertname", name, "service", service, "region", region);
        return new Alert(true, name, labels, Map.of("summary", service + " is failing"), rig.clock.instant(), null,
                fingerprint, "{}");
    }
}
