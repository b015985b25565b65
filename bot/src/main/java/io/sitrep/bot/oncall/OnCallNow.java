package io.sitrep.bot.oncall;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Who is on call for a schedule at an instant and until when, who follows, and what each layer
 * and override says at that instant.
 *
 * @param layers each layer's shift at {@code at}, for layers that have someone then
 * @param overrides the overrides in force at {@code at}, the winning one last
 */
public record OnCallNow(Schedule schedule, Instant at, Optional<Shift> current, Optional<Shift> next,
                        List<Shift> layers, List<OnCallOverride> overrides) {
}
