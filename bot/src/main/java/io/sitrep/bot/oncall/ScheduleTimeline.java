package io.sitrep.bot.oncall;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Who is on call over a window, as a schedule and its overrides resolve it: an override in
 * force wins (the later-made of overlapping ones), else the last layer that has someone. Back
 * to back stretches of one person from one source are joined into one shift.
 */
public final class ScheduleTimeline {

    private ScheduleTimeline() {
    }

    /** The shifts within {@code [from, to)}, in order, clipped to the window; gaps where nobody is on call. */
    public static List<Shift> between(Schedule schedule, List<OnCallOverride> overrides, Instant from, Instant to) {
        List<List<Shift>> layers = schedule.layers().stream().map(l -> l.shifts(from, to, schedule.zone())).toList();
        List<OnCallOverride> inWindow = overrides.stream().filter(o -> o.overlaps(from, to))
                .sorted(Comparator.comparing(OnCallOverride::createdAt)).toList();
        TreeSet<Instant> boundaries = new TreeSet<>(List.of(from, to));
        layers.forEach(shifts -> shifts.forEach(s -> {
            boundaries.add(s.from());
            boundaries.add(s.until());
        }));
        for (OnCallOverride o : inWindow) {
            boundaries.add(o.from().isBefore(from) ? from : o.from());
            boundaries.add(o.until().isAfter(to) ? to : o.until());
        }
        int[] next = new int[layers.size()];
        List<Shift> shifts = new ArrayList<>();
        Instant previous = null;
        for (Instant boundary : boundaries) {
            if (previous != null) {
                Shift piece = whoIsOn(previous, boundary, layers, next, inWindow);
                if (piece != null) {
                    join(shifts, piece);
                }
            }
            previous = boundary;
        }
        return shifts;
    }

    private static Shift whoIsOn(Instant from, Instant to, List<List<Shift>> layers, int[] next,
                                 List<OnCallOverride> overrides) {
        for (int i = overrides.size() - 1; i >= 0; i--) {
            OnCallOverride o = overrides.get(i);
            if (o.covers(from)) {
                return new Shift(o.person(), Shift.OVERRIDE_LAYER, from, to, true);
            }
        }
        Shift found = null;
        // Each layer's shifts are in order and the pieces come in order: a cursor per layer suffices.
        for (int i = 0; i < layers.size(); i++) {
            List<Shift> shifts = layers.get(i);
            while (next[i] < shifts.size() && !shifts.get(next[i]).until().isAfter(from)) {
                next[i]++;
            }
            if (next[i] < shifts.size() && shifts.get(next[i]).covers(from)) {
                found = shifts.get(next[i]);
            }
        }
        return found == null ? null : new Shift(found.person(), found.layer(), from, to, false);
    }

    private static void join(List<Shift> shifts, Shift piece) {
        int last = shifts.size() - 1;
        if (last >= 0 && piece.continues(shifts.get(last))) {
            shifts.set(last, shifts.get(last).until(piece.until()));
        } else {
            shifts.add(piece);
        }
    }
}
