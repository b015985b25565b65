package io.sitrep.bot.runbook;

import java.util.List;
import java.util.Map;

/**
 * A procedure for one kind of incident: when it applies, and its steps in order.
 *
 * @param source where it was read from, for messages ({@code shipped:platform-node-unresponsive.yml})
 */
public record Runbook(String id, String title, Match match, List<Step> steps, String source) {

    /**
     * When a runbook applies; every rule given must hold, and at least one must be given.
     *
     * @param keywords any of them in the incident title (case-insensitive)
     */
    public record Match(List<String> services, List<String> regions, List<String> alerts, Map<String, String> labels,
                        List<String> severities, List<String> keywords) {
    }

    public enum Kind { MANUAL, CHECK, CONFIRM }

    /**
     * One step.
     *
     * @param requires ids of steps that must be done first
     * @param warn     a known wrong move, shown with the step
     * @param check    for CHECK steps: what verifies it ({@code health: node/platform-node-7}, {@code http: …})
     */
    public record Step(String id, String title, String instructions, Kind kind, List<String> requires, String warn,
                       Check check) {
    }

    /** An automatic verification: a health target HEALTHY for a while, or an HTTP 2xx, within a timeout. */
    public record Check(String health, java.time.Duration healthyFor, String http, java.time.Duration timeout) {
    }
}
