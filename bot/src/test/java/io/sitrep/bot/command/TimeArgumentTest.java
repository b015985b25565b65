package io.sitrep.bot.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

/** {@link TimeArgument}: times as users type them (ISO-8601 or HH:MM, UTC, today). */
class TimeArgumentTest {

    private static final Instant DETECTED = Instant.parse("2026-02-26T08:19:00Z");

    private final MutableClock clock = MutableClock.incidentMorning();

    @Test
    void clockTimeIsTodayInUtc() {
        assertThat(TimeArgument.parse("detected-at", "08:19", clock)).isEqualTo(DETECTED);
    }

    @Test
    void clockTimeAcceptsASingleDigitHour() {
        assertThat(TimeArgument.parse("at", "8:19", clock)).isEqualTo(DETECTED);
    }

    @Test
    void clockTimeFollowsTheClocksDay() {
        clock.advance(Duration.ofDays(3));

        assertThat(TimeArgument.parse("at", "08:19", clock)).isEqualTo(Instant.parse("2026-03-01T08:19:00Z"));
    }

    @Test
    void clockTimeUsesTheUtcDayEvenWhenTheClocksZoneIsAlreadyTomorrow() {
        // 23:30 UTC on the 26th is already the 27th in Tokyo; "today, UTC" is still the 26th.
        MutableClock late = MutableClock.at("2026-02-26T23:30:00Z");

        assertThat(TimeArgument.parse("at", "08:19", late.withZone(ZoneId.of("Asia/Tokyo")))).isEqualTo(DETECTED);
    }

    @Test
    void readsIsoWithZuluAndMinutes() {
        assertThat(TimeArgument.parse("at", "2026-02-26T08:19Z", clock)).isEqualTo(DETECTED);
    }

    @Test
    void readsIsoWithSeconds() {
        assertThat(TimeArgument.parse("at", "2026-02-26T08:19:30Z", clock))
                .isEqualTo(Instant.parse("2026-02-26T08:19:30Z"));
    }

    @Test
    void readsIsoWithAnOffset() {
        assertThat(TimeArgument.parse("at", "2026-02-26T10:19+02:00", clock)).isEqualTo(DETECTED);
        assertThat(TimeArgument.parse("at", "2026-02-26T03:19-05:00", clock)).isEqualTo(DETECTED);
    }

    @Test
    void readsIsoWithoutAnOffsetAsUtc() {
        assertThat(TimeArgument.parse("at", "2026-02-26T08:19", clock)).isEqualTo(DETECTED);
    }

    @Test
    void readsASpaceInsteadOfTheT() {
        assertThat(TimeArgument.parse("at", "2026-02-26 08:19", clock)).isEqualTo(DETECTED);
    }

    @Test
    void readsALowerCaseZ() {
        assertThat(TimeArgument.parse("at", "2026-02-26t08:19z", clock)).isEqualTo(DETECTED);
    }

    @Test
    void ignoresSurroundingWhitespace() {
        assertThat(TimeArgument.parse("at", "  08:19 ", clock)).isEqualTo(DETECTED);
    }

    @Test
    void rejectsGarbageNamingTheFlagAndTheAcceptedFormats() {
        assertThatThrownBy(() -> TimeArgument.parse("detected-at", "noon", clock))
                .isInstanceOf(CommandException.class)
                .hasMessageContaining("--detected-at")
                .hasMessageContaining("'noon'")
                .hasMessageContaining("HH:MM")
                .hasMessageContaining("ISO-8601")
                .hasMessageContaining("2026-02-26T08:19Z");
    }

    @Test
    void rejectsAClockTimeThatDoesNotExist() {
        assertThatThrownBy(() -> TimeArgument.parse("at", "25:70", clock))
                .isInstanceOf(CommandException.class)
                .hasMessageContaining("--at '25:70' is not a time");
    }

    @Test
    void rejectsADateWithoutATime() {
        assertThatThrownBy(() -> TimeArgument.parse("started-at", "2026-02-26", clock))
                .isInstanceOf(CommandException.class)
                .hasMessageContaining("--started-at");
    }

    @Test
    void parsePastAcceptsEarlierTimesAndNow() {
        assertThat(TimeArgument.parsePast("detected-at", "08:19", clock)).isEqualTo(DETECTED);
        assertThat(TimeArgument.parsePast("detected-at", "09:00", clock)).isEqualTo(clock.instant());
    }

    @Test
    void parsePastRejectsAFutureTime() {
        assertThatThrownBy(() -> TimeArgument.parsePast("detected-at", "09:01", clock))
                .isInstanceOf(CommandException.class)
                .hasMessageContaining("--detected-at 09:01 is in the future")
                .hasMessageContaining("2026-02-26 09:00 UTC");
    }

    @Test
    void parsePastRejectsAFutureIsoTime() {
        assertThatThrownBy(() -> TimeArgument.parsePast("at", "2026-02-27T08:19Z", clock))
                .isInstanceOf(CommandException.class)
                .hasMessageContaining("in the future");
    }
}
