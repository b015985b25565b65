package io.sitrep.incident;

import java.util.List;

/** The next version of an incident and the timeline entries that explain it, written together. */
public record IncidentChange(Incident incident, List<TimelineEntry> entries) {

    public IncidentChange {
        if (entries == null || entries.isEmpty()) {
            throw new IllegalArgumentException("every change is a timeline entry");
        }
        entries = List.copyOf(entries);
    }

    public IncidentChange(Incident incident, TimelineEntry... entries) {
        this(incident, List.of(entries));
    }
}
