package io.sitrep.bot.postmortem;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;

/**
 * Everything a postmortem document says, computed once from the incident and its timeline;
 * the Markdown, JSON and HTML renderers only lay it out. Deterministic: the same incident
 * gives the same report (no "generated at").
 *
 * @param draft    true until the incident is closed
 * @param timeline every entry, oldest first (by when it happened, then when it was recorded)
 * @param posts    stakeholder updates, newest first
 * @param phases   the incident's states over time, one interval each, oldest first
 */
public record PostmortemReport(
        Incident incident,
        boolean draft,
        KeyTimes keyTimes,
        List<TimelineEntry> timeline,
        List<TimelineEntry> posts,
        List<Phase> phases) {

    /** The key instants and the durations between them; any may be null when it never happened. */
    public record KeyTimes(Instant started, Instant detected, Instant declared, Instant identified, Instant mitigated,
                           Instant resolved, Instant firstUpdate, List<Instant> reopened, Instant paged,
                           Instant acknowledged) {

        /** Whether anyone was paged: only then do the page's times belong in the document. */
        public boolean pagedAnyone() {
            return paged != null;
        }

        /**
         * From detection to the first acknowledgement (MTTA, over incidents): how long the
         * incident waited for someone to answer, the page's own delay included.
         */
        public Duration timeToAcknowledge() {
            return between(detected, acknowledged);
        }

        /** From impact start to detection; needs a known start. */
        public Duration timeToDetect() {
            return between(started, detected);
        }

        /** From detection to the first stakeholder update: the gap the founding incident had. */
        public Duration timeToFirstUpdate() {
            return between(detected, firstUpdate);
        }

        /** From impact start (else detection) to the first MONITORING. */
        public Duration timeToMitigate() {
            return between(origin(), mitigated);
        }

        /** From impact start (else detection) to the last RESOLVED. */
        public Duration timeToResolve() {
            return between(origin(), resolved);
        }

        private Instant origin() {
            return started != null ? started : detected;
        }

        private static Duration between(Instant from, Instant to) {
            return from == null || to == null ? null : Duration.between(from, to);
        }
    }

    /** One stretch of time the incident spent in one state; {@code to} is the next change or the report's end. */
    public record Phase(IncidentState state, Instant from, Instant to) {
    }

    public static PostmortemReport of(Incident incident, List<TimelineEntry> entries) {
        List<TimelineEntry> timeline = new ArrayList<>(entries);
        timeline.sort(Comparator.comparing(TimelineEntry::at).thenComparing(TimelineEntry::recordedAt));
        List<TimelineEntry> posts = new ArrayList<>(timeline.stream()
                .filter(e -> e.kind() == TimelineKind.STAKEHOLDER_UPDATE).toList());
        posts.sort(Comparator.comparing(TimelineEntry::at).reversed());
        boolean draft = incident.state() != IncidentState.CLOSED;
        return new PostmortemReport(incident, draft, keyTimes(incident, timeline), List.copyOf(timeline),
                List.copyOf(posts), phases(incident, timeline));
    }

    private static KeyTimes keyTimes(Incident incident, List<TimelineEntry> timeline) {
        Instant identified = null;
        Instant mitigated = null;
        Instant resolved = null;
        Instant firstUpdate = null;
        Instant paged = null;
        Instant acknowledged = null;
        List<Instant> reopened = new ArrayList<>();
        for (TimelineEntry entry : timeline) {
            if (entry.kind() == TimelineKind.PAGED && paged == null) {
                paged = entry.at();
            }
            if (entry.kind() == TimelineKind.ACKNOWLEDGED && acknowledged == null) {
                acknowledged = entry.at();
            }
            if (entry.kind() == TimelineKind.STAKEHOLDER_UPDATE && firstUpdate == null) {
                firstUpdate = entry.at();
            }
            if (entry.kind() != TimelineKind.STATUS_CHANGED) {
                continue;
            }
            String to = String.valueOf(entry.data().get("to"));
            if (to.equals(IncidentState.IDENTIFIED.name()) && identified == null) {
                identified = entry.at();
            } else if (to.equals(IncidentState.MONITORING.name()) && mitigated == null) {
                mitigated = entry.at();
            } else if (to.equals(IncidentState.RESOLVED.name())) {
                resolved = entry.at(); // the last one counts: a reopen undoes the earlier
            }
            if ("REOPEN".equals(entry.data().get("event"))) {
                reopened.add(entry.at());
                resolved = null; // open again: only a later RESOLVED ends it
            }
        }
        Instant detected = incident.detectedAt() != null ? incident.detectedAt() : incident.declaredAt();
        return new KeyTimes(incident.startedAt(), detected, incident.declaredAt(), identified, mitigated, resolved,
                firstUpdate, List.copyOf(reopened), paged, acknowledged);
    }

    private static List<Phase> phases(Incident incident, List<TimelineEntry> timeline) {
        List<Phase> phases = new ArrayList<>();
        IncidentState state = null;
        Instant since = null;
        for (TimelineEntry entry : timeline) {
            IncidentState next = null;
            if (entry.kind() == TimelineKind.DECLARED && entry.data().get("state") != null) {
                next = IncidentState.valueOf(String.valueOf(entry.data().get("state")));
            } else if (entry.kind() == TimelineKind.STATUS_CHANGED && entry.data().get("to") != null) {
                next = IncidentState.valueOf(String.valueOf(entry.data().get("to")));
            }
            if (next == null) {
                continue;
            }
            if (state != null) {
                phases.add(new Phase(state, since, entry.at()));
            }
            state = next;
            since = entry.at();
        }
        if (state != null && !timeline.isEmpty()) {
            Instant end = timeline.get(timeline.size() - 1).at();
            phases.add(new Phase(state, since, end.isAfter(since) ? end : since));
        }
        return List.copyOf(phases);
    }

    /** The document's name: {@code INC-7-postmortem}. */
    public String baseName() {
        return incident.id() + "-postmortem";
    }
}
