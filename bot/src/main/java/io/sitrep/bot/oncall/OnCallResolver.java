package io.sitrep.bot.oncall;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Answers who is on call at an instant, from when until when, and who is next. Looks a little
 * way back and ahead first and widens the look only when a shift runs past it, so a typical
 * answer touches a few weeks of shifts.
 */
public final class OnCallResolver {

    /** Beyond this a shift is reported as running on without a known end. */
    static final Duration FURTHEST = Duration.ofDays(512);
    private static final Duration FIRST_LOOK = Duration.ofDays(8);

    private OnCallResolver() {
    }

    public static OnCallNow at(Schedule schedule, List<OnCallOverride> overrides, Instant at) {
        Duration back = FIRST_LOOK;
        Duration ahead = FIRST_LOOK.multipliedBy(2);
        while (true) {
            Instant from = at.minus(back);
            Instant to = at.plus(ahead);
            List<Shift> shifts = ScheduleTimeline.between(schedule, overrides, from, to);
            Optional<Shift> current = shifts.stream().filter(s -> s.covers(at)).findFirst();
            Optional<Shift> next = shifts.stream().filter(s -> s.from().isAfter(at)).findFirst();
            boolean startUnknown = current.isPresent() && current.get().from().equals(from);
            boolean endUnknown = next.map(Shift::until).or(() -> current.map(Shift::until)).map(to::equals)
                    .orElse(next.isEmpty());
            boolean widerBack = startUnknown && back.compareTo(FURTHEST) < 0;
            boolean widerAhead = endUnknown && ahead.compareTo(FURTHEST) < 0;
            if (!widerBack && !widerAhead) {
                return new OnCallNow(schedule, at, current.map(s -> openEnded(s, to)), next.map(s -> openEnded(s, to)),
                        layersAt(schedule, at), overridesAt(overrides, at));
            }
            back = widerBack ? back.multipliedBy(2) : back;
            ahead = widerAhead ? ahead.multipliedBy(2) : ahead;
        }
    }

    private static Shift openEnded(Shift shift, Instant lookedUntil) {
        return lookedUntil.equals(shift.until()) ? shift.until(null) : shift;
    }

    private static List<Shift> layersAt(Schedule schedule, Instant at) {
        return schedule.layers().stream()
                .flatMap(layer -> layer.shifts(at.minus(Duration.ofDays(layer.length().getDays() + 1L)),
                        at.plus(Duration.ofDays(layer.length().getDays() + 1L)), schedule.zone()).stream())
                .filter(s -> s.covers(at)).toList();
    }

    private static List<OnCallOverride> overridesAt(List<OnCallOverride> overrides, Instant at) {
        return overrides.stream().filter(o -> o.covers(at)).sorted(Comparator.comparing(OnCallOverride::createdAt))
                .toList();
    }
}
