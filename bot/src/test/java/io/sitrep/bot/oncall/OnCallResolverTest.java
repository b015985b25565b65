package io.sitrep.bot.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

class OnCallResolverTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static Layer daily(String name, String start, String... people) {
        return new Layer(name, Period.ofDays(1), Handoff.parse("09:00", false), LocalDate.parse(start), List.of(people),
                null);
    }

    private static Layer weekly(String name, String start, String... people) {
        return new Layer(name, Period.ofWeeks(1), Handoff.parse("MON 09:00", true), LocalDate.parse(start),
                List.of(people), null);
    }

    private static Schedule schedule(ZoneId zone, Layer... layers) {
        return new Schedule("platform", "Platform", zone, List.of(layers), null, "platform.yml");
    }

    private static Instant t(String instant) {
        return Instant.parse(instant);
    }

    @Test
    void aDailyBerlinHandoffStaysAtNineLocalAcrossTheMarchChange() {
        Schedule berlin = schedule(BERLIN, daily("primary", "2027-03-01", "ant", "bea"));

        List<Shift> shifts = ScheduleTimeline.between(berlin, List.of(), t("2027-03-27T00:00:00Z"),
                t("2027-03-30T00:00:00Z"));

        // 09:00 CET is 08:00Z; from the 28th 09:00 CEST is 07:00Z, so that night's shift is 23 hours.
        assertThat(shifts).extracting(Shift::from).containsExactly(t("2027-03-27T00:00:00Z"),
                t("2027-03-27T08:00:00Z"), t("2027-03-28T07:00:00Z"), t("2027-03-29T07:00:00Z"));
        assertThat(Duration.between(shifts.get(1).from(), shifts.get(1).until())).isEqualTo(Duration.ofHours(23));
        assertThat(shifts.get(2).fromIn(BERLIN).toLocalTime()).isEqualTo(LocalTime.of(9, 0));
    }

    @Test
    void aDailyBerlinHandoffStaysAtNineLocalAcrossTheOctoberChange() {
        Schedule berlin = schedule(BERLIN, daily("primary", "2027-10-01", "ant", "bea"));

        OnCallNow now = OnCallResolver.at(berlin, List.of(), t("2027-10-30T12:00:00Z"));

        assertThat(now.current()).hasValueSatisfying(s -> {
            assertThat(s.from()).isEqualTo(t("2027-10-30T07:00:00Z"));
            assertThat(s.until()).isEqualTo(t("2027-10-31T08:00:00Z"));
            assertThat(Duration.between(s.from(), s.until())).isEqualTo(Duration.ofHours(25));
        });
        assertThat(now.next()).hasValueSatisfying(s -> {
            assertThat(s.fromIn(BERLIN).toLocalTime()).isEqualTo(LocalTime.of(9, 0));
            assertThat(s.person()).isNotEqualTo(now.current().get().person());
        });
    }

    @Test
    void aWeeklyNewYorkHandoffStaysAtNineLocalAcrossBothChanges() {
        Schedule newYork = schedule(NEW_YORK, weekly("primary", "2027-01-04", "ant", "bea", "carol"));

        List<Shift> march = ScheduleTimeline.between(newYork, List.of(), t("2027-03-08T15:00:00Z"),
                t("2027-03-23T00:00:00Z"));
        List<Shift> november = ScheduleTimeline.between(newYork, List.of(), t("2027-11-01T15:00:00Z"),
                t("2027-11-16T00:00:00Z"));

        // 09:00 EST is 14:00Z, 09:00 EDT is 13:00Z: the change on Sunday 14 March shortens that week by an hour.
        assertThat(march).extracting(Shift::from).containsExactly(t("2027-03-08T15:00:00Z"),
                t("2027-03-15T13:00:00Z"), t("2027-03-22T13:00:00Z"));
        assertThat(november).extracting(Shift::from).containsExactly(t("2027-11-01T15:00:00Z"),
                t("2027-11-08T14:00:00Z"), t("2027-11-15T14:00:00Z"));
        assertThat(march.get(0).until()).isEqualTo(t("2027-03-15T13:00:00Z"));
        assertThat(Duration.between(t("2027-03-08T14:00:00Z"), march.get(0).until())).isEqualTo(Duration.ofHours(167));
    }

    @Test
    void weeklyTurnsGoRoundThePeopleInOrderFromTheFirstHandoff() {
        // 2026-11-30 is a Monday: ant first, then bea, carol, ant again.
        Schedule berlin = schedule(BERLIN, weekly("primary", "2026-11-30", "ant", "bea", "carol"));

        List<Shift> shifts = ScheduleTimeline.between(berlin, List.of(), t("2026-11-30T08:00:00Z"),
                t("2026-12-28T08:00:00Z"));

        assertThat(shifts).extracting(Shift::person).containsExactly("ant", "bea", "carol", "ant");
    }

    @Test
    void aCustomRotationHandsOffEveryFewDays() {
        Layer everyThree = new Layer("primary", Period.parse("P3D"), Handoff.parse("09:00", false),
                LocalDate.parse("2027-01-01"), List.of("ant", "bea"), null);

        List<Shift> shifts = ScheduleTimeline.between(schedule(BERLIN, everyThree), List.of(),
                t("2027-01-01T08:00:00Z"), t("2027-01-10T08:00:00Z"));

        assertThat(shifts).extracting(Shift::person).containsExactly("ant", "bea", "ant");
        assertThat(shifts.get(1).from()).isEqualTo(t("2027-01-04T08:00:00Z"));
    }

    @Test
    void aLayerRestrictedToWorkingHoursOverridesTheOneBelowOnlyThen() {
        Layer nights = weekly("round-the-clock", "2027-01-04", "ant");
        Layer days = new Layer("office", Period.ofWeeks(1), Handoff.parse("MON 09:00", true),
                LocalDate.parse("2027-01-04"), List.of("bea"), CoveredHours.parse("MON-FRI 08:00-18:00"));
        Schedule berlin = schedule(BERLIN, nights, days);

        // Tuesday 12 January 2027: 08:00-18:00 CET is 07:00-17:00Z.
        OnCallNow noon = OnCallResolver.at(berlin, List.of(), t("2027-01-12T11:00:00Z"));
        OnCallNow evening = OnCallResolver.at(berlin, List.of(), t("2027-01-12T19:00:00Z"));
        OnCallNow saturday = OnCallResolver.at(berlin, List.of(), t("2027-01-16T11:00:00Z"));

        assertThat(noon.current()).hasValueSatisfying(s -> {
            assertThat(s.person()).isEqualTo("bea");
            assertThat(s.layer()).isEqualTo("office");
            assertThat(s.from()).isEqualTo(t("2027-01-12T07:00:00Z"));
            assertThat(s.until()).isEqualTo(t("2027-01-12T17:00:00Z"));
        });
        assertThat(noon.next()).hasValueSatisfying(s -> assertThat(s.person()).isEqualTo("ant"));
        assertThat(noon.layers()).extracting(Shift::person).containsExactly("ant", "bea");
        assertThat(evening.current()).hasValueSatisfying(s -> {
            assertThat(s.person()).isEqualTo("ant");
            assertThat(s.until()).isEqualTo(t("2027-01-13T07:00:00Z"));
        });
        assertThat(saturday.current()).hasValueSatisfying(s -> {
            assertThat(s.person()).isEqualTo("ant");
            assertThat(s.until()).isEqualTo(t("2027-01-18T07:00:00Z"));
        });
    }

    @Test
    void overlappingOverridesWinOverEveryLayerAndTheLaterMadeWinsTheOverlap() {
        Schedule berlin = schedule(BERLIN, daily("primary", "2027-01-01", "ant"));
        OnCallOverride bea = new OnCallOverride("o1", "platform", "bea", t("2027-02-01T10:00:00Z"),
                t("2027-02-01T14:00:00Z"), "ant", t("2027-01-20T00:00:00Z"));
        OnCallOverride carol = new OnCallOverride("o2", "platform", "carol", t("2027-02-01T12:00:00Z"),
                t("2027-02-01T16:00:00Z"), "ant", t("2027-01-21T00:00:00Z"));

        List<Shift> shifts = ScheduleTimeline.between(berlin, List.of(carol, bea), t("2027-02-01T09:00:00Z"),
                t("2027-02-01T18:00:00Z"));

        assertThat(shifts).extracting(Shift::person, Shift::from, Shift::until, Shift::override).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ant", t("2027-02-01T09:00:00Z"), t("2027-02-01T10:00:00Z"), false),
                org.assertj.core.groups.Tuple.tuple("bea", t("2027-02-01T10:00:00Z"), t("2027-02-01T12:00:00Z"), true),
                org.assertj.core.groups.Tuple.tuple("carol", t("2027-02-01T12:00:00Z"), t("2027-02-01T16:00:00Z"), true),
                org.assertj.core.groups.Tuple.tuple("ant", t("2027-02-01T16:00:00Z"), t("2027-02-01T18:00:00Z"), false));
        OnCallNow during = OnCallResolver.at(berlin, List.of(bea, carol), t("2027-02-01T13:00:00Z"));
        assertThat(during.overrides()).extracting(OnCallOverride::id).containsExactly("o1", "o2");
        assertThat(during.current()).hasValueSatisfying(s -> assertThat(s.person()).isEqualTo("carol"));
        assertThat(during.next()).hasValueSatisfying(s -> assertThat(s.person()).isEqualTo("ant"));
    }

    @Test
    void aPersonInAnotherZoneSeesTheirShiftsInTheirOwnZone() {
        Schedule berlin = schedule(BERLIN, daily("primary", "2027-03-01", "ant", "bea"));
        Person bea = new Person("bea", null, null, null, null, null, NEW_YORK);

        List<Shift> shifts = ScheduleTimeline.between(berlin, List.of(), t("2027-03-13T08:00:00Z"),
                t("2027-03-29T08:00:00Z"));

        // 09:00 Berlin is 03:00 in New York, but 04:00 in the two weeks New York is on summer time and Berlin not.
        assertThat(shifts.get(0).fromIn(bea.zoneOr(BERLIN)).toLocalTime()).isEqualTo(LocalTime.of(3, 0));
        assertThat(shifts.get(2).fromIn(bea.zoneOr(BERLIN)).toLocalTime()).isEqualTo(LocalTime.of(4, 0));
        assertThat(shifts.get(15).fromIn(bea.zoneOr(BERLIN)).toLocalTime()).isEqualTo(LocalTime.of(3, 0));
    }

    @Test
    void beforeTheFirstHandoffNobodyIsOnCallAndTheFirstTurnIsNext() {
        Schedule berlin = schedule(BERLIN, weekly("primary", "2027-06-07", "ant", "bea"));

        OnCallNow now = OnCallResolver.at(berlin, List.of(), t("2027-06-01T00:00:00Z"));

        assertThat(now.current()).isEmpty();
        assertThat(now.next()).hasValueSatisfying(s -> {
            assertThat(s.person()).isEqualTo("ant");
            assertThat(s.from()).isEqualTo(t("2027-06-07T07:00:00Z"));
        });
    }

    @Test
    void somebodyAlwaysOnCallHasNoKnownEnd() {
        Schedule berlin = schedule(BERLIN, daily("primary", "2027-01-01", "ant"));

        OnCallNow now = OnCallResolver.at(berlin, List.of(), t("2027-02-01T00:00:00Z"));

        assertThat(now.current()).hasValueSatisfying(s -> {
            assertThat(s.person()).isEqualTo("ant");
            assertThat(s.until()).isNull();
        });
        assertThat(now.next()).isEmpty();
    }

    @Test
    void restrictionsParseDaysRangesAndNights() {
        assertThat(CoveredHours.parse("MON-FRI 08:00-18:00").days()).hasSize(5);
        assertThat(CoveredHours.parse("FRI-MON 22:00-06:00").days()).hasSize(4);
        assertThat(CoveredHours.parse("8:00-18:00").days()).hasSize(7);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CoveredHours.parse("weekdays 9-5"))
                .hasMessageContaining("MON-FRI 08:00-18:00");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Handoff.parse("09:00", true))
                .hasMessageContaining("MON 09:00");
    }
}
