package io.sitrep.bot.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.sitrep.config.PagingSettings.Heartbeat;

/** A heartbeat that could page nobody is refused at start-up, the setting named. */
class ExpectedHeartbeatsTest {

    private static final Set<String> POLICIES = Set.of("platform", "db");

    @Test
    void aMissingOrZeroPeriodIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> ExpectedHeartbeats.checked(List.of(
                new Heartbeat("backups", Duration.ofHours(1), null, "platform"),
                new Heartbeat("nightly", null, null, "platform")), POLICIES, null))
                .isInstanceOf(ExpectedHeartbeats.Misconfigured.class)
                .hasMessage("sitrep.paging.heartbeats[1].every (heartbeat 'nightly') is missing; it must say how "
                        + "often a beat comes.");
        assertThatThrownBy(() -> ExpectedHeartbeats.checked(List.of(
                new Heartbeat("backups", Duration.ZERO, null, "platform")), POLICIES, null))
                .hasMessageStartingWith("sitrep.paging.heartbeats[0].every (heartbeat 'backups') is PT0S");
    }

    @Test
    void anUnknownPolicyListsTheOnesThereAreAndAMissingOneFallsBackToTheDefault() {
        assertThatThrownBy(() -> ExpectedHeartbeats.checked(List.of(
                new Heartbeat("backups", Duration.ofHours(1), null, "platfrom")), POLICIES, null))
                .hasMessage("sitrep.paging.heartbeats[0].policy (heartbeat 'backups') is 'platfrom', which is no "
                        + "escalation policy; the on-call files define db, platform.");
        assertThatThrownBy(() -> ExpectedHeartbeats.checked(List.of(
                new Heartbeat("backups", Duration.ofHours(1), null, null)), POLICIES, null))
                .hasMessageContaining("is missing, and sitrep.paging.default-policy is not set");

        ExpectedHeartbeats expected = ExpectedHeartbeats.checked(List.of(
                new Heartbeat("backups", Duration.ofHours(1), null, null)), POLICIES, "db");

        assertThat(expected.find("backups")).hasValueSatisfying(h -> {
            assertThat(h.policy()).isEqualTo("db");
            assertThat(h.grace()).isEqualTo(Duration.ofMinutes(1));
        });
    }

    @Test
    void namesMustBeUsableInAPathAndUnique() {
        assertThatThrownBy(() -> ExpectedHeartbeats.checked(List.of(
                new Heartbeat("nightly backups", Duration.ofHours(1), null, "db")), POLICIES, null))
                .hasMessageStartingWith("sitrep.paging.heartbeats[0].name is 'nightly backups'");
        assertThatThrownBy(() -> ExpectedHeartbeats.checked(List.of(
                new Heartbeat("backups", Duration.ofHours(1), null, "db"),
                new Heartbeat("backups", Duration.ofHours(2), null, "db")), POLICIES, null))
                .hasMessage("sitrep.paging.heartbeats[1].name: the heartbeat 'backups' is configured twice.");
    }

    @Test
    void theWatchLooksAtHalfTheShortestGraceBetweenOneAndFifteenSeconds() {
        assertThat(ExpectedHeartbeats.checked(List.of(new Heartbeat("a", Duration.ofHours(1), Duration.ofMinutes(5),
                "db")), POLICIES, null).lookEvery()).isEqualTo(Duration.ofSeconds(15));
        assertThat(ExpectedHeartbeats.checked(List.of(new Heartbeat("a", Duration.ofHours(1), Duration.ofSeconds(10),
                "db")), POLICIES, null).lookEvery()).isEqualTo(Duration.ofSeconds(5));
        assertThat(ExpectedHeartbeats.checked(List.of(new Heartbeat("a", Duration.ofSeconds(1), Duration.ZERO,
                "db")), POLICIES, null).lookEvery()).isEqualTo(Duration.ofSeconds(1));
    }
}
