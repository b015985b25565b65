package io.sitrep.bot.bench;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import io.sitrep.bot.postmortem.HtmlExport;
import io.sitrep.bot.postmortem.JsonExport;
import io.sitrep.bot.postmortem.MarkdownExport;
import io.sitrep.bot.postmortem.PostmortemReport;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;

/**
 * Export time and memory for an incident with {@code bench.entries} (10,000) timeline entries:
 * notes, status changes, stakeholder updates and reminders over a week. Each format is rendered
 * {@code bench.warmup} times, then timed {@code bench.runs} times; allocation is measured per
 * render and set against the document's size.
 *
 * <p>Run with {@code ./mvnw -q -Pbench -DskipTests -pl bot -am verify -Dbench.skip.commands=true
 * -Dbench.skip.slack=true -Dbench.skip.reminders=true}.
 */
public final class ExportBenchmark {

    public static void main(String[] args) {
        int entries = Integer.getInteger("bench.entries", 10_000);
        int warmup = Integer.getInteger("bench.export.warmup", 20);
        int runs = Integer.getInteger("bench.export.runs", 30);
        Incident incident = BenchIncidents.investigating(new IncidentId(1));
        List<TimelineEntry> timeline = timeline(incident.declaredAt(), entries);
        System.out.printf(Locale.ROOT, "%nExport benchmark: %d timeline entries, %d warm-up and %d timed renders per "
                + "format%n%n| format | median | p90 | document | allocated per render |%n|---|---|---|---|---|%n",
                entries, warmup, runs);
        measure("Markdown (target < 300 ms)", incident, timeline, MarkdownExport::render, warmup, runs);
        measure("HTML (target < 500 ms)", incident, timeline, HtmlExport::render, warmup, runs);
        measure("JSON", incident, timeline, JsonExport::render, warmup, runs);
    }

    private static void measure(String name, Incident incident, List<TimelineEntry> timeline,
                                Function<PostmortemReport, String> render, int warmup, int runs) {
        for (int i = 0; i < warmup; i++) {
            render.apply(PostmortemReport.of(incident, timeline));
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] nanos = new long[runs];
        long allocated = 0;
        int size = 0;
        for (int i = 0; i < runs; i++) {
            long bytesBefore = threads.getCurrentThreadAllocatedBytes();
            long start = System.nanoTime();
            // The report is built in every run: an export reads the incident, then renders.
            String document = render.apply(PostmortemReport.of(incident, timeline));
            nanos[i] = System.nanoTime() - start;
            allocated += threads.getCurrentThreadAllocatedBytes() - bytesBefore;
            size = document.length();
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "| %s | %.1f ms | %.1f ms | %,d chars | %.1f MB (%.1f× the document) |%n", name,
                nanos[runs / 2] / 1e6, nanos[(int) (runs * 0.9)] / 1e6, size, allocated / (double) runs / 1e6,
                allocated / (double) runs / (size * 2.0));
    }

    private static List<TimelineEntry> timeline(Instant start, int count) {
        List<TimelineEntry> entries = new ArrayList<>(count);
        entries.add(new TimelineEntry(start, start, TimelineKind.DECLARED, "bench", "console", "Bench incident",
                Map.of("state", IncidentState.INVESTIGATING.name())));
        String[] states = {"IDENTIFIED", "MONITORING", "INVESTIGATING"};
        for (int i = 1; i < count; i++) {
            Instant at = start.plusSeconds(60L * i);
            TimelineEntry entry = switch (i % 10) {
                case 0 -> new TimelineEntry(at, at, TimelineKind.STATUS_CHANGED, "ana", "slack", "status change " + i,
                        Map.of("to", states[(i / 10) % states.length]));
                case 1, 2 -> new TimelineEntry(at, at, TimelineKind.STAKEHOLDER_UPDATE, "ben", "slack",
                        "We are still working on it; next update within the hour (" + i + ")", Map.of("status", "Investigating"));
                case 3 -> new TimelineEntry(at, at, TimelineKind.REMINDER, "sitrep", "reminder", "Reminder " + i, Map.of());
                default -> new TimelineEntry(at, at.plusSeconds(30), TimelineKind.NOTE, "ana", "console",
                        "Checked node-" + (i % 40) + ": <ok> & | responding in " + (i % 900) + " ms", Map.of());
            };
            entries.add(entry);
        }
        return entries;
    }
}
