package io.sitrep.incident;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One immutable line of an incident's timeline.
 *
 * @param at         when it happened (UTC); earlier than {@code recordedAt} for backfilled entries
 * @param recordedAt when Sitrep learned of it
 * @param actor      who did it: a user name, or the component for automatic entries
 * @param source     where it came from: console, http, slack, discord, alert, health, reminder, runbook
 * @param data       structured details, e.g. {@code from}/{@code to} of a status change
 */
public record TimelineEntry(
        Instant at,
        Instant recordedAt,
        TimelineKind kind,
        String actor,
        String source,
        String text,
        Map<String, Object> data) {

    public TimelineEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(kind, "kind");
        text = text == null ? "" : text;
        data = data == null ? Map.of() : Map.copyOf(data);
    }
}
