package io.sitrep.bot.oncall;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * One rotation of a schedule: people take turns in order, each for {@code length} (whole days),
 * handing off at a local time of the schedule's zone, from the first handoff on or after
 * {@code start}. Shifts are counted in local dates, so a 09:00 handoff stays 09:00 local across
 * daylight-saving changes (and such a shift is an hour shorter or longer). A handoff time that
 * a spring-forward change skips happens at the first valid local time after it.
 *
 * @param only the local hours the layer covers, or null for all of them
 */
public record Layer(String name, Period length, Handoff handoff, LocalDate start, List<String> people,
                    CoveredHours only) {

    public Layer {
        people = List.copyOf(people);
        if (people.isEmpty()) {
            throw new IllegalArgumentException("layer '" + name + "' has nobody to take turns");
        }
        if (length.toTotalMonths() != 0 || length.getDays() <= 0) {
            throw new IllegalArgumentException("a rotation is a whole number of days or weeks, like P3D");
        }
    }

    /** The local date of the first handoff: {@code start}, or the next handoff day from it for weekly rotations. */
    LocalDate firstHandoff() {
        return handoff.day() == null ? start : start.with(TemporalAdjusters.nextOrSame(handoff.day()));
    }

    /** When turn {@code n} (0 = the first) begins. */
    Instant turnStarts(long n, ZoneId zone) {
        return ZonedDateTime.of(firstHandoff().plusDays(n * length.getDays()), handoff.time(), zone).toInstant();
    }

    String personOfTurn(long n) {
        return people.get((int) (n % people.size()));
    }

    /** Who this layer has on call within {@code [from, to)}, clipped to the window and to its covered hours. */
    public List<Shift> shifts(Instant from, Instant to, ZoneId zone) {
        List<Shift> shifts = new ArrayList<>();
        long n = turnAt(from, zone);
        for (; ; n++) {
            Instant begins = turnStarts(n, zone);
            if (!begins.isBefore(to)) {
                return shifts;
            }
            Instant ends = turnStarts(n + 1, zone);
            Instant clippedFrom = begins.isBefore(from) ? from : begins;
            Instant clippedTo = ends.isAfter(to) ? to : ends;
            if (!clippedFrom.isBefore(clippedTo)) {
                continue;
            }
            if (only == null) {
                shifts.add(new Shift(personOfTurn(n), name, clippedFrom, clippedTo, false));
            } else {
                for (Instant[] window : only.within(clippedFrom, clippedTo, zone)) {
                    shifts.add(new Shift(personOfTurn(n), name, window[0], window[1], false));
                }
            }
        }
    }

    /** The turn running at {@code at}, or 0 when the first has not begun. */
    private long turnAt(Instant at, ZoneId zone) {
        long days = ChronoUnit.DAYS.between(firstHandoff(), at.atZone(zone).toLocalDate());
        long n = Math.floorDiv(days, length.getDays());
        while (n > 0 && turnStarts(n, zone).isAfter(at)) {
            n--;
        }
        while (!turnStarts(n + 1, zone).isAfter(at)) {
            n++;
        }
        return Math.max(n, 0);
    }
}
