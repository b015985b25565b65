package io.sitrep.bot.status;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import io.sitrep.bot.status.PublicStatus.ComponentStatus;
import io.sitrep.bot.status.PublicStatus.Impact;
import io.sitrep.bot.status.PublicStatus.Post;
import io.sitrep.bot.status.PublicStatus.PublicIncident;
import io.sitrep.config.StatusSettings;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.Visibility;
import io.sitrep.incident.store.PublicIncidentIndex;

/**
 * Reads what the public may know from the incidents and their timelines. An incident becomes
 * public with its first stakeholder update and never if it was declared {@code --private};
 * only its title, severity (as an impact), components and stakeholder posts are read out.
 *
 * <p>It keeps the public view of each indexed incident and reads from the public-incidents
 * index only what changed since its last reading: one round trip when nothing did, however many
 * incidents are stored. An incident finished longer ago than the page shows is dropped from the
 * index by the first reader that notices.
 */
final class StatusReader {

    static final int DAYS = (int) PublicIncidentIndex.KEPT_FOR.toDays();
    private static final Set<IncidentState> OVER = EnumSet.of(IncidentState.RESOLVED, IncidentState.POSTMORTEM,
            IncidentState.CLOSED, IncidentState.CANCELLED);

    /** An incident's public view as of an index revision. */
    private record Known(PublicIncident view, long revision) {
    }

    private final PublicIncidentIndex index;
    private final StatusSettings settings;
    private final Clock clock;
    /** By id, as the incidents were once read from the store: posts at the same instant keep one order. */
    private final Map<IncidentId, Known> known = new TreeMap<>();
    private long revision;

    StatusReader(PublicIncidentIndex index, StatusSettings settings, Clock clock) {
        this.index = index;
        this.settings = settings;
        this.clock = clock;
    }

    /** The index revision the last reading reached: a reading that ends higher found a change. */
    synchronized long revision() {
        return revision;
    }

    synchronized PublicStatus read() {
        Instant now = clock.instant();
        Instant since = now.minus(PublicIncidentIndex.KEPT_FOR);
        PublicIncidentIndex.PublicChanges changes = index.changedSince(revision);
        for (PublicIncidentIndex.Indexed changed : changes.changed()) {
            Optional<PublicIncident> view = publicView(changed.incident(), changed.timeline());
            if (view.isPresent()) {
                known.put(changed.incident().id(), new Known(view.get(), changed.revision()));
            } else {
                known.remove(changed.incident().id());
            }
        }
        revision = changes.revision();
        forgetFinishedBefore(since);
        List<PublicIncident> incidents = known.values().stream().map(Known::view).toList();
        Comparator<PublicIncident> newestFirst = Comparator.comparing(PublicIncident::startedAt).reversed();
        List<PublicIncident> active = incidents.stream().filter(i -> !i.resolved()).sorted(newestFirst).toList();
        List<PublicIncident> history = incidents.stream().filter(PublicIncident::resolved)
                .filter(i -> !i.endedAt().isBefore(since)).sorted(newestFirst).toList();
        return new PublicStatus(settings.title(), now, components(incidents, active, now), active, history);
    }

    /** Incidents over longer ago than the page shows leave it, and the index with it (once, by whoever notices). */
    private void forgetFinishedBefore(Instant since) {
        Map<IncidentId, Long> over = new TreeMap<>();
        for (Iterator<Map.Entry<IncidentId, Known>> it = known.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<IncidentId, Known> entry = it.next();
            PublicIncident view = entry.getValue().view();
            if (view.resolved() && view.endedAt().isBefore(since)) {
                it.remove();
                over.put(entry.getKey(), entry.getValue().revision());
            }
        }
        if (!over.isEmpty()) {
            index.forget(over);
        }
    }

    private Optional<PublicIncident> publicView(Incident incident, List<TimelineEntry> timeline) {
        boolean hidden = incident.visibility() == Visibility.PRIVATE;
        List<Post> posts = timeline.stream().filter(e -> e.kind() == TimelineKind.STAKEHOLDER_UPDATE)
                .map(e -> new Post(String.valueOf(e.data().getOrDefault("status", "Update")), anonymous(e.text()), e.at()))
                .sorted(Comparator.comparing(Post::at).reversed())
                .toList();
        if (hidden || posts.isEmpty()) {
            return Optional.empty();
        }
        boolean resolved = OVER.contains(incident.state());
        Instant started = posts.get(posts.size() - 1).at();
        Instant ended = resolved ? posts.get(0).at() : null;
        PublicStatus.Postmortem postmortem = incident.state() == IncidentState.CLOSED
                ? new PublicStatus.Postmortem(incident.postmortem().category(), incident.postmortem().summary(),
                        incident.effectiveRootCause(), firstNonBlank(incident.postmortem().resolution(),
                        incident.resolution()), incident.postmortem().actions().stream().map(io.sitrep.incident.FollowUp::text).toList(),
                        incident.postmortem().completedAt())
                : null;
        return Optional.of(new PublicIncident(incident.id().toString(), incident.title(), impact(incident),
                incident.state().label(), resolved, affected(incident), posts, started, ended, postmortem));
    }

    private List<String> affected(Incident incident) {
        return StatusComponents.affected(settings, incident);
    }

    private static Impact impact(Incident incident) {
        return switch (incident.severity()) {
            case SEV1 -> Impact.MAJOR;
            case SEV2 -> Impact.PARTIAL;
            default -> Impact.DEGRADED;
        };
    }

    /** Each component with its status now and the worst impact of each of the last 90 days. */
    private List<ComponentStatus> components(List<PublicIncident> all, List<PublicIncident> active, Instant now) {
        Set<String> names = new LinkedHashSet<>();
        settings.components().forEach(c -> names.add(c.name()));
        all.forEach(i -> names.addAll(i.affected()));
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        List<ComponentStatus> components = new ArrayList<>();
        for (String name : names) {
            Impact status = worst(active.stream().filter(i -> i.affected().contains(name)).map(PublicIncident::impact)
                    .toList(), Impact.OPERATIONAL);
            List<Impact> days = new ArrayList<>(DAYS);
            for (int back = DAYS - 1; back >= 0; back--) {
                LocalDate day = today.minusDays(back);
                Instant from = day.atStartOfDay(ZoneOffset.UTC).toInstant();
                Instant to = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                days.add(worst(all.stream().filter(i -> i.affected().contains(name))
                        .filter(i -> i.startedAt().isBefore(to) && (i.endedAt() == null || !i.endedAt().isBefore(from)))
                        .map(PublicIncident::impact).toList(), null));
            }
            components.add(new ComponentStatus(name, status, days));
        }
        return components;
    }

    private static Impact worst(List<Impact> impacts, Impact none) {
        return impacts.stream().max(Comparator.naturalOrder()).orElse(none);
    }

    private static String anonymous(String text) {
        return StatusComponents.anonymous(text);
    }

    private static String firstNonBlank(String first, String second) {
        return first != null && !first.isBlank() ? first : second;
    }
}
