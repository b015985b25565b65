package io.sitrep.bot.insights;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.sitrep.bot.postmortem.PostmortemReport;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.Severity;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.UpdateSchedule;

/**
 * An incident's figures from its record and timeline. The times are the postmortem's key times
 * (one definition for both documents), except acknowledgement, counted here from detection: how
 * long until a person took it on, whether or not a page asked them.
 *
 * <p>Punctuality replays the update clock along the timeline with the very rule the commands
 * use ({@link UpdateSchedule}): each stakeholder update is judged against the due time as it
 * stood before the change that posted it.
 */
public final class Summariser {

    private final UpdateSchedule schedule;
    private final FollowUps followUps;

    public Summariser(UpdateSchedule schedule, FollowUps followUps) {
        this.schedule = schedule;
        this.followUps = followUps;
    }

    public IncidentSummary summarise(Incident incident, List<TimelineEntry> entries) {
        PostmortemReport.KeyTimes times = PostmortemReport.of(incident, entries).keyTimes();
        Punctuality punctuality = punctuality(incident, entries);
        List<FollowUps.FollowUp> all = followUps.of(incident);
        List<Instant> due = all.stream().filter(f -> !f.done() && f.due() != null).map(FollowUps.FollowUp::due).toList();
        int done = (int) all.stream().filter(FollowUps.FollowUp::done).count();
        boolean silentUntilMitigated = times.mitigated() != null
                && (times.firstUpdate() == null || times.firstUpdate().isAfter(times.mitigated()));
        return new IncidentSummary(incident.id().toString(), incident.service(), incident.severity(),
                incident.declaredAt(), seconds(times.timeToDetect()),
                seconds(between(times.detected(), times.acknowledged())), seconds(times.timeToMitigate()),
                seconds(times.timeToResolve()), seconds(times.timeToFirstUpdate()), punctuality.updates,
                punctuality.onTime, punctuality.updates == 0 ? null : punctuality.worstLateness,
                silentUntilMitigated, all.size() - done, done, due);
    }

    /** The update clock, replayed: state, severity, the last update and the due time, change by change. */
    private Punctuality punctuality(Incident incident, List<TimelineEntry> entries) {
        List<TimelineEntry> timeline = new ArrayList<>(entries);
        timeline.sort(Comparator.comparing(TimelineEntry::at).thenComparing(TimelineEntry::recordedAt));
        Punctuality result = new Punctuality();
        IncidentState state = null;
        Severity severity = incident.severity();
        Instant due = null;
        Instant dueBeforeChange = null;
        Instant lastUpdate = null;
        TimelineEntry previous = null;
        for (TimelineEntry entry : timeline) {
            // The entries of one change share their instants; an update is owed as things stood before it.
            if (previous == null || !entry.at().equals(previous.at()) || !entry.recordedAt().equals(previous.recordedAt())) {
                dueBeforeChange = due;
            }
            previous = entry;
            switch (entry.kind()) {
                case DECLARED -> {
                    state = parse(IncidentState.class, entry.data().get("state"), incident.state());
                    severity = parse(Severity.class, entry.data().get("severity"), severity);
                    due = schedule.firstDue(state, severity, entry.at());
                }
                case STATUS_CHANGED -> {
                    state = parse(IncidentState.class, entry.data().get("to"), state);
                    due = state == null ? null : schedule.firstDue(state, severity, entry.at());
                }
                case SEVERITY_CHANGED -> {
                    Severity to = parse(Severity.class, entry.data().get("to"), severity);
                    if (state != null) {
                        Incident asItStood = Incident.builder(incident.id(), state, severity, incident.declaredAt())
                                .visibility(incident.visibility()).lastUpdate(lastUpdate, null).nextUpdateDueAt(due)
                                .build();
                        due = schedule.replan(asItStood, to);
                    }
                    severity = to;
                }
                case STAKEHOLDER_UPDATE -> {
                    if (dueBeforeChange != null) {
                        result.judge(entry.at(), dueBeforeChange);
                    }
                    lastUpdate = entry.at();
                    due = state == null ? null : schedule.dueAfterUpdate(state, severity, entry.at());
                }
                default -> {
                }
            }
        }
        return result;
    }

    private static final class Punctuality {
        int updates;
        int onTime;
        long worstLateness;

        void judge(Instant postedAt, Instant dueAt) {
            updates++;
            long late = Duration.between(dueAt, postedAt).toSeconds();
            if (!postedAt.isAfter(dueAt)) {
                onTime++;
            }
            worstLateness = Math.max(worstLateness, Math.max(0, late));
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, Object value, E otherwise) {
        try {
            return value == null ? otherwise : Enum.valueOf(type, String.valueOf(value));
        } catch (IllegalArgumentException e) {
            return otherwise;
        }
    }

    private static Duration between(Instant from, Instant to) {
        return from == null || to == null ? null : Duration.between(from, to);
    }

    private static Long seconds(Duration duration) {
        return duration == null ? null : duration.toSeconds();
    }
}
