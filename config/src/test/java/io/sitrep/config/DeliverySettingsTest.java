package io.sitrep.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The poll interval is only a safety look now: it defaults to seconds, and a look rarer than ten minutes is refused. */
class DeliverySettingsTest {

    private static DeliverySettings polling(Duration every) {
        return new DeliverySettings(4, Duration.ofSeconds(30), every, Duration.ofSeconds(60), Duration.ofHours(24));
    }

    @Test
    void aReplicaLooksEveryFiveSecondsUnlessToldOtherwise() {
        assertThat(DeliverySettings.defaults().pollInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(polling(Duration.ofMinutes(10)).pollInterval()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void anIntervalThatIsNotPositiveOrLongerThanTenMinutesIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> polling(Duration.ZERO)).hasMessage("sitrep.delivery.poll-interval must be positive");
        assertThatThrownBy(() -> polling(Duration.ofMinutes(11)))
                .hasMessageStartingWith("sitrep.delivery.poll-interval must be at most 10m");
    }
}
