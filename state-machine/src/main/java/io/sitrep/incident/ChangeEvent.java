package io.sitrep.incident;

import java.util.List;

/**
 * One accepted change of an incident, as it was written: where the incident stood before (null
 * for its declaration, or when the event before it is no longer kept) and after, the timeline
 * entries that explain it, and who or what caused it. The store writes it atomically with the
 * change itself, so no change exists without its event; what others are told follows from these
 * events. The whole incident is not copied into each event (that halved command throughput):
 * its record holds the latest version, and the entries say what changed.
 *
 * @param id the store's id of the event, increasing in the order the changes were written
 */
public record ChangeEvent(String id, long version, Standing before, Standing after, List<TimelineEntry> entries,
                          Cause cause) {

    public ChangeEvent {
        entries = List.copyOf(entries);
    }

    /** Where an incident stands: what decides who is told what. */
    public record Standing(IncidentState state, Severity severity) {

        public static Standing of(Incident incident) {
            return new Standing(incident.state(), incident.severity());
        }
    }

    /**
     * Who or what made a change: the actor and door of its first timeline entry — a person
     * through a platform ({@code alice} via {@code slack}), or Sitrep's own watchers
     * ({@code sitrep} via {@code health}, {@code alert}, {@code reminder}).
     */
    public record Cause(String actor, String source) {

        private static final java.util.Set<String> WATCHERS = java.util.Set.of("health", "alert", "reminder");

        public static Cause of(List<TimelineEntry> entries) {
            TimelineEntry first = entries.get(0);
            return new Cause(first.actor(), first.source());
        }

        /** Sitrep's own health watch, alert desk or reminder clock, not a person. */
        public boolean watcher() {
            return WATCHERS.contains(source);
        }
    }
}
