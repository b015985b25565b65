package io.sitrep.bot.oncall;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Each schedule's calendar as last written, served again while nothing it shows can have
 * changed: the same files loaded, the same overrides, and no shift ended since. Overrides are
 * made on any replica, so they are compared by the version Redis counts up on each change rather
 * than by anything this replica saw. An entry lives at most {@link #LONGEST} even so, because
 * the 90-day horizon moves on and the last shift grows with it. The calendar key is checked
 * before the cache is asked and the text holds no key, so a new key needs nothing thrown away.
 */
public final class CalendarCache {

    /** As long as calendar applications are told they may keep an answer. */
    public static final Duration LONGEST = Duration.ofMinutes(5);

    /** What to write when there is nothing to serve again. */
    public interface Writer {
        String write(List<Shift> shifts);
    }

    private record Written(Schedule schedule, OnCallDirectory directory, long overridesVersion, Instant goodUntil,
                           String text) {

        boolean stillShows(Schedule schedule, OnCallDirectory directory, long overridesVersion, Instant now) {
            return this.schedule == schedule && this.directory == directory && this.overridesVersion == overridesVersion
                    && now.isBefore(goodUntil);
        }
    }

    private final Map<String, Written> bySchedule = new ConcurrentHashMap<>();

    /**
     * The schedule's calendar: as written before when it still shows the same, else written
     * now from {@code shifts} (in order, the first running at {@code now} or later).
     *
     * @param overridesVersion read before the overrides behind {@code shifts}, so a change racing
     *                         the writing makes the next question write again rather than miss it
     */
    public String calendar(Schedule schedule, OnCallDirectory directory, long overridesVersion, Instant now,
                           Supplier<List<Shift>> shifts, Writer writer) {
        Written cached = bySchedule.get(schedule.id());
        if (cached != null && cached.stillShows(schedule, directory, overridesVersion, now)) {
            return cached.text();
        }
        List<Shift> current = shifts.get();
        Instant goodUntil = now.plus(LONGEST);
        if (!current.isEmpty() && current.get(0).until().isBefore(goodUntil)) {
            goodUntil = current.get(0).until();
        }
        Written written = new Written(schedule, directory, overridesVersion, goodUntil, writer.write(current));
        bySchedule.put(schedule.id(), written);
        return written.text();
    }
}
