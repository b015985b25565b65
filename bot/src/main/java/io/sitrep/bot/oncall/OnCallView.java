package io.sitrep.bot.oncall;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A schedule's answer in the API: who is on call at {@code at} and who is next, people by their
 * key in people.yml; {@code layers} says what each layer has at that instant, {@code calendar}
 * is the schedule's .ics URL with its key.
 */
public record OnCallView(String schedule, String name, String timezone, Instant at, List<ShiftView> oncall,
                         List<ShiftView> next, List<ShiftView> layers, String calendar) {

    /** One shift: {@code until} null when no change is known ahead. */
    public record ShiftView(String person, String layer, Instant from, Instant until, boolean override) {
        static ShiftView of(Shift shift) {
            return new ShiftView(shift.person(), shift.layer(), shift.from(), shift.until(), shift.override());
        }
    }

    public static OnCallView of(OnCallNow now, String calendarUrl) {
        return new OnCallView(now.schedule().id(), now.schedule().name(), now.schedule().zone().getId(), now.at(),
                list(now.current()), list(now.next()), now.layers().stream().map(ShiftView::of).toList(), calendarUrl);
    }

    private static List<ShiftView> list(Optional<Shift> shift) {
        return shift.map(ShiftView::of).stream().toList();
    }
}
