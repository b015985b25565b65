package io.sitrep.bot.notice;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.sitrep.bot.text.ChannelNames;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentChange;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.Severity;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.UpdateSchedule;
import io.sitrep.incident.Watcher;
import io.sitrep.incident.lifecycle.IncidentLifecycle;
import io.sitrep.incident.paging.Paging;

/**
 * Opens an incident on Sitrep's own account (a DOWN target, a firing alert) in the state the
 * lifecycle gives machine declarations, TRIAGE: a person accepts or cancels it.
 */
public final class TriageDeclarer {

    private final IncidentWriter writer;
    private final IncidentLifecycle lifecycle;
    private final UpdateSchedule schedule;
    private final Notices notices;

    public TriageDeclarer(IncidentWriter writer, IncidentLifecycle lifecycle, UpdateSchedule schedule, Notices notices) {
        this.writer = writer;
        this.lifecycle = lifecycle;
        this.schedule = schedule;
        this.notices = notices;
    }

    /** @param data what the watcher knows, kept on the DECLARED entry */
    public Incident declare(Watcher source, String title, String service, String node, Map<String, Object> data,
                            Instant now) {
        return declare(source, title, Severity.DEFAULT, service, node, data, now, now);
    }

    /**
     * @param detectedAt when the watcher's source first saw the trouble (an alert's start), not
     *                   after {@code now}
     */
    public Incident declare(Watcher source, String title, Severity severity, String service, String node,
                            Map<String, Object> data, Instant detectedAt, Instant now) {
        return declare(source, title, severity, service, node, data, detectedAt, now, Paging.NONE);
    }

    /**
     * @param paging the pages it starts with (a watcher that knows whom to page): written with the
     *               declaration, so the paging rule leaves it be and the reminder clock notifies them
     */
    public Incident declare(Watcher source, String title, Severity severity, String service, String node,
                            Map<String, Object> data, Instant detectedAt, Instant now, Paging paging) {
        IncidentState state = lifecycle.declaredState(false);
        Instant detected = detectedAt == null || detectedAt.isAfter(now) ? now : detectedAt;
        IncidentChange declared = writer.announcing(notices.announcing(source, written -> Notices.Notice.of(
                written.incident().id() + " opened in " + state + ": " + title
                        + ". Take it with /incident accept, or /incident cancel <reason>."))).declare(id -> {
            Incident incident = Incident.builder(id, state, severity, now)
                    .title(title).service(service).nodes(node == null ? List.of() : List.of(node))
                    .channel(ChannelNames.forIncident(id.number(), title)).declaredBy("sitrep").detectedAt(detected)
                    .nextUpdateDueAt(schedule.firstDue(state, severity, now))
                    .platforms(notices.chatPlatforms())
                    .paging(paging)
                    .build();
            Map<String, Object> entryData = new LinkedHashMap<>(data);
            entryData.put("state", state.name());
            return new IncidentChange(incident, new TimelineEntry(now, now, TimelineKind.DECLARED, "sitrep", source.wireName(), title,
                    entryData));
        });
        return declared.incident();
    }
}
