package io.sitrep.bot.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import io.sitrep.bot.oncall.CalendarCache;
import io.sitrep.bot.oncall.CoveredHours;
import io.sitrep.bot.oncall.Handoff;
import io.sitrep.bot.oncall.Layer;
import io.sitrep.bot.oncall.OnCallCalendar;
import io.sitrep.bot.oncall.OnCallDirectory;
import io.sitrep.bot.oncall.OnCallOverride;
import io.sitrep.bot.oncall.OnCallResolver;
import io.sitrep.bot.oncall.Schedule;
import io.sitrep.bot.oncall.ScheduleTimeline;

/**
 * Who is on call for a schedule of 5 layers (daily, weekly, every 3 days, two restricted to
 * working hours) with 50 overrides over the coming weeks, at instants spread over two months
 * (target p99 ≤ 1 ms); and that schedule's 90-day calendar as RFC 5545 (target ≤ 50 ms), written
 * afresh, and served to a question every second as the calendar cache serves it.
 * In memory: the overrides as read from Redis, the Redis round trip left out.
 *
 * <p>Run with {@code ./mvnw -q -Pbench -DskipTests -pl bot -am verify} and the other
 * {@code -Dbench.skip.*=true}, or {@code -Dbench.skip.oncall=false} alone.
 */
public final class OnCallBenchmark {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant START = Instant.parse("2027-03-01T00:00:00Z");

    public static void main(String[] args) {
        int runs = Integer.getInteger("bench.oncall.runs", 20_000);
        Schedule schedule = fiveLayers();
        List<OnCallOverride> overrides = overrides(50);
        System.out.printf(Locale.ROOT, "%nOn-call benchmark: 5 layers, %d overrides, %d timed runs each%n%n"
                + "| what | median | p99 | max |%n|---|---|---|---|%n", overrides.size(), runs);
        int[] i = {0};
        measure("who is on call (target p99 ≤ 1 ms)", runs, () -> OnCallResolver.at(schedule, overrides,
                START.plus(Duration.ofMinutes(37L * (i[0]++ % 2_400)))));
        OnCallDirectory directory = new OnCallDirectory(Map.of(), Map.of(), Map.of(), List.of());
        measure("90-day calendar, written (target ≤ 50 ms)", Math.max(runs / 100, 50), () -> OnCallCalendar.write(
                schedule, ScheduleTimeline.between(schedule, overrides, START, START.plus(Duration.ofDays(90))),
                directory, START));
        // Asked once a second, as by many subscribers: written again at each handoff and every five minutes.
        CalendarCache cache = new CalendarCache();
        int[] second = {0};
        measure("90-day calendar, served (asked every second)", runs, () -> {
            Instant now = START.plusSeconds(second[0]++);
            return cache.calendar(schedule, directory, 0, now, () -> ScheduleTimeline.between(schedule, overrides, now,
                    now.plus(Duration.ofDays(90))), shifts -> OnCallCalendar.write(schedule, shifts, directory, now));
        });
    }

    private static void measure(String name, int runs, Supplier<Object> work) {
        for (int w = 0; w < runs; w++) {
            work.get();
        }
        long[] nanos = new long[runs];
        for (int r = 0; r < runs; r++) {
            long start = System.nanoTime();
            work.get();
            nanos[r] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "| %s | %.3f ms | %.3f ms | %.3f ms |%n", name, nanos[runs / 2] / 1e6,
                nanos[(int) (runs * 0.99)] / 1e6, nanos[runs - 1] / 1e6);
    }

    private static Schedule fiveLayers() {
        List<String> people = List.of("ant", "bea", "carol", "dan", "eve", "fay");
        LocalDate start = LocalDate.parse("2026-11-30");
        List<Layer> layers = List.of(
                new Layer("base", Period.ofWeeks(1), Handoff.parse("MON 09:00", true), start, people, null),
                new Layer("daily", Period.ofDays(1), Handoff.parse("09:00", false), start, people.subList(0, 3), null),
                new Layer("every-3", Period.ofDays(3), Handoff.parse("18:00", false), start, people.subList(2, 6), null),
                new Layer("office", Period.ofWeeks(1), Handoff.parse("MON 09:00", true), start, people.subList(1, 4),
                        CoveredHours.parse("MON-FRI 08:00-18:00")),
                new Layer("nights", Period.ofDays(1), Handoff.parse("20:00", false), start, people.subList(3, 6),
                        CoveredHours.parse("22:00-06:00")));
        return new Schedule("bench", "Bench on-call", BERLIN, layers, null, "bench.yml");
    }

    private static List<OnCallOverride> overrides(int count) {
        List<OnCallOverride> overrides = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            Instant from = START.plus(Duration.ofHours(29L * n));
            overrides.add(new OnCallOverride("o" + n, "bench", "zed", from, from.plus(Duration.ofHours(6 + n % 20)),
                    "ant", START.plusSeconds(n)));
        }
        return overrides;
    }
}
