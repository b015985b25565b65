package io.sitrep.bot.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.sitrep.bot.command.MutableClock;
import io.sitrep.bot.maintenance.MaintenanceDesk;
import io.sitrep.bot.maintenance.MaintenanceHold;
import io.sitrep.bot.maintenance.MaintenanceStore;
import io.sitrep.bot.maintenance.MaintenanceView;
import io.sitrep.config.HealthSettings;
import io.sitrep.incident.Incident;
import io.sitrep.integrations.health.HealthState;
import io.sitrep.integrations.health.Target;
import io.sitrep.integrations.redis.RedisMaintenance;

/** A target of a service in maintenance going DOWN is on the window's timeline and opens no incident; another's opens one. */
class HealthDuringMaintenanceTest {

    @Test
    void aDownTargetOfTheServiceInMaintenanceOpensNoIncident() {
        try (HealthRig rig = new HealthRig(List.of(), HealthSettings.defaults(List.of()), MutableClock.incidentMorning())) {
            MaintenanceDesk maintenance = new MaintenanceDesk(new MaintenanceStore(new RedisMaintenance(rig.redis)),
                    rig.clock);
            MaintenanceView view = new MaintenanceView(maintenance.store(), rig.clock, Duration.ofSeconds(5));
            rig.recorder.holdWith(new MaintenanceHold(view, maintenance.store(), rig.clock));
            Instant from = rig.clock.instant().plus(Duration.ofHours(1));
            maintenance.schedule("Node replacement", "connectme", null, from, from.plus(Duration.ofHours(1)), "alice");
            rig.clock.set(from.plusSeconds(30));

            rig.recorder.record(new HealthChange(new Target("login-eu", "connectme", "node-3"), HealthState.HEALTHY,
                    HealthState.DOWN, "connection refused", rig.clock.instant()));
            assertThat(rig.store.findOpen()).isEmpty();
            assertThat(rig.posted).isEmpty();
            assertThat(maintenance.store().timeline("MNT-1")).filteredOn(e -> e.kind().equals("health")).singleElement()
                    .satisfies(e -> assertThat(e.text()).isEqualTo("Health during maintenance: login-eu: HEALTHY → DOWN "
                            + "(connection refused)"));

            rig.recorder.record(new HealthChange(new Target("billing-api", "billing", null), HealthState.HEALTHY,
                    HealthState.DOWN, "timeout", rig.clock.instant()));
            assertThat(rig.store.findOpen()).extracting(Incident::service).containsExactly("billing");
        }
    }
}
