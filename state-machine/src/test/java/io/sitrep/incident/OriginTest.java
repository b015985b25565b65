package io.sitrep.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OriginTest {

    @Test
    void platformsKeepTheNamesThePreviousReleaseStored() {
        assertThat(Platform.named("slack")).isSameAs(Platform.SLACK);
        assertThat(Platform.named("discord")).isSameAs(Platform.DISCORD);
        assertThat(Platform.named("console")).isSameAs(Platform.CONSOLE);
        assertThat(Platform.named("http")).isSameAs(Platform.API);
        assertThat(Platform.API.wireName()).isEqualTo("http");
    }

    @Test
    void aPlatformThisBuildDoesNotShipIsKeptByName() {
        Platform stuck = Platform.named("stuck");

        assertThat(stuck).isEqualTo(new Platform.Other("stuck"));
        assertThat(stuck.wireName()).isEqualTo("stuck");
        assertThat(stuck).hasToString("stuck");
    }

    @Test
    void aStoredOriginIsAWatcherByItsNameAndOtherwiseAPersonOnThatPlatform() {
        assertThat(Origin.read("reminder", "sitrep", null)).isSameAs(Watcher.REMINDER);
        assertThat(Origin.read("slack", "alice", "U0ALICE"))
                .isEqualTo(new Origin.Person(Platform.SLACK, "alice", "U0ALICE"));
        assertThat(Origin.read("stuck", "bob", null).wireName()).isEqualTo("stuck");
    }

    @Test
    void onlyHealthAlertsAndHeartbeatsOpenIncidents() {
        assertThat(Watcher.HEALTH.opensIncidents()).isTrue();
        assertThat(Watcher.ALERT.opensIncidents()).isTrue();
        assertThat(Watcher.HEARTBEAT.opensIncidents()).isTrue();
        assertThat(Origin.read("heartbeat", "sitrep", null)).isSameAs(Watcher.HEARTBEAT);
        assertThat(Watcher.REMINDER.opensIncidents()).isFalse();
        assertThatThrownBy(() -> Watcher.named("slack")).isInstanceOf(IllegalArgumentException.class);
    }
}
