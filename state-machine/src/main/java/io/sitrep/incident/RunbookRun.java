package io.sitrep.incident;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One runbook being worked through on one incident: who started it, and each step's result so
 * far. Kept on the incident, so that a result is written with the incident's compare-and-set:
 * two people pressing Done on one step record one result.
 */
public record RunbookRun(String title, String startedBy, Instant startedAt, int steps, Map<String, StepResult> results) {

    public enum Outcome { DONE, SKIPPED, FAILED }

    /** @param evidence what a check saw, or null */
    public record StepResult(Outcome outcome, String by, Instant at, String note, String evidence) {
    }

    public RunbookRun {
        results = results == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(results));
    }

    public RunbookRun with(String step, StepResult result) {
        Map<String, StepResult> next = new LinkedHashMap<>(results);
        next.put(step, result);
        return new RunbookRun(title, startedBy, startedAt, steps, next);
    }

    /** Every step done or skipped. */
    public boolean finished() {
        return results.keySet().stream().filter(this::settled).count() >= steps;
    }

    /** When anyone last moved it: the start or the latest step result. */
    public Instant lastActivity() {
        return results.values().stream().map(StepResult::at).max(Instant::compareTo).orElse(startedAt);
    }

    /** Done or skipped: what {@code requires} accepts. A failed step stays open. */
    public boolean settled(String step) {
        StepResult result = results.get(step);
        return result != null && result.outcome() != Outcome.FAILED;
    }
}
