package io.sitrep.bot.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.sitrep.bot.UpgradeFixture;
import io.sitrep.bot.command.MutableClock;
import io.sitrep.config.HealthSettings;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.TimelineKind;
import io.sitrep.integrations.health.HealthState;
import io.sitrep.integrations.health.Target;

/**
 * An upgrade in place: the keys a 0.1.0 Sitrep left (an incident in MONITORING with its
 * timeline, and its health-watch lease still held under the old key) load, and the new watch,
 * board and resolve guard work on them, and its commander, kept by name, keeps the role.
 */
class HealthUpgradeTest {

    private static final String FIXTURE = "/upgrade/0.1.0-incident-in-monitoring.jsonl";

    private final HealthWatchTest.ScriptedSource source = new HealthWatchTest.ScriptedSource(
            new Target("login-eu", "connectme", "node-3"));
    private final HealthRig rig = new HealthRig(List.of(source), HealthSettings.defaults(List.of()),
            MutableClock.at(java.time.Instant.parse("2026-02-26T09:30:00Z")));

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void anIncidentWrittenBy010IsWatchedAndResolvedByTheNewHealthGuard() throws IOException {
        UpgradeFixture.load(rig.redis.jedis(), FIXTURE);
        IncidentId inc1 = new IncidentId(1);
        int before = rig.store.timeline(inc1).size();
        assertThat(rig.store.find(inc1)).hasValueSatisfying(i -> assertThat(i.state()).isEqualTo(IncidentState.MONITORING));

        source.script(HealthState.DOWN);
        assertThat(rig.watch.pollOnce()).as("the old lease key holds nothing back").hasSize(1);
        assertThat(rig.handle("resolved INC-1 \"logins work\"").error()).hasValueSatisfying(e ->
                assertThat(e).startsWith("Can't resolve INC-1: login-eu is DOWN since 2026-02-26 09:30 UTC"));

        source.script(HealthState.HEALTHY);
        rig.passPolling(Duration.ofMinutes(3));
        // Its commander was kept by name (0.1.0 kept no ids): only that name may resolve it.
        assertThat(rig.handleAs("mallory", "resolved INC-1 \"logins work\"").error())
                .contains("Only the commander (alice) or an admin may resolve INC-1.");
        assertThat(rig.handle("resolved INC-1 \"logins work\"").ok()).isTrue();

        assertThat(rig.store.timeline(inc1)).hasSize(before + 4).first()
                .satisfies(e -> assertThat(e.kind()).isEqualTo(TimelineKind.DECLARED));
        assertThat(rig.entries(1, TimelineKind.HEALTH_CHANGED)).extracting(e -> e.data().get("to"))
                .containsExactly("DOWN", "HEALTHY");
    }
}
