package io.sitrep.bot.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sitrep.bot.notice.TriageDeclarer;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentChange;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.Severity;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.UpdateSchedule;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.incident.store.StoreUnavailableException;
import io.sitrep.integrations.alerts.StormLink;

/**
 * The one incident an alert storm joins, whichever replica each notification reaches: the
 * caller that claims the storm link declares it and the others wait for its id. Once the storm
 * incident is resolved (or finished) the link is replaced, so the next storm gets its own. The
 * storm incident rises to the worst severity of the alerts that joined it.
 */
public final class AlertStorm {

    /** How long a claim holds if its holder dies before linking; declaring takes milliseconds. */
    public static final Duration CLAIM_FOR = Duration.ofSeconds(5);
    /** Longer than a claim holds, so a dead holder's claim is taken over within the same notification. */
    private static final Duration WAIT = CLAIM_FOR.plusSeconds(1);
    private static final Duration POLL = Duration.ofMillis(25);
    private static final Set<IncidentState> COLLECTING = EnumSet.of(IncidentState.TRIAGE,
            IncidentState.INVESTIGATING, IncidentState.IDENTIFIED, IncidentState.MONITORING);
    private static final Logger log = LoggerFactory.getLogger(AlertStorm.class);

    /** How a waiting caller waits between two questions. */
    @FunctionalInterface
    interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    private final StormLink link;
    private final IncidentStore store;
    private final TriageDeclarer triage;
    private final UpdateSchedule schedule;
    private final int maxNewIncidents;
    private final Pause pause;
    private final Duration poll;
    private final Duration wait;

    public AlertStorm(StormLink link, IncidentStore store, TriageDeclarer triage, UpdateSchedule schedule,
                      int maxNewIncidents) {
        this(link, store, triage, schedule, maxNewIncidents, d -> Thread.sleep(d.toMillis()), POLL, WAIT);
    }

    AlertStorm(StormLink link, IncidentStore store, TriageDeclarer triage, UpdateSchedule schedule,
               int maxNewIncidents, Pause pause, Duration poll, Duration wait) {
        this.link = link;
        this.store = store;
        this.triage = triage;
        this.schedule = schedule;
        this.maxNewIncidents = maxNewIncidents;
        this.pause = pause;
        this.poll = poll;
        this.wait = wait;
    }

    /**
     * The incident collecting the storm now, declared at {@code worst} when there is none.
     *
     * @throws StoreUnavailableException when another caller's claim outlasts the wait: the
     *                                   notification fails and Alertmanager sends it again
     */
    Incident incident(int alerts, Severity worst, Instant detectedAt, Instant now) {
        Optional<IncidentId> over = Optional.empty();
        for (long asked = 0, most = wait.toMillis() / Math.max(1, poll.toMillis()); asked <= most; asked++) {
            StormLink.Claim claim = link.claim(over);
            if (claim instanceof StormLink.Claim.Linked linked) {
                Optional<Incident> collecting = store.find(linked.incident())
                        .filter(i -> COLLECTING.contains(i.state()));
                if (collecting.isPresent()) {
                    return collecting.get();
                }
                over = Optional.of(linked.incident());
            } else if (claim instanceof StormLink.Claim.Declare declare) {
                return declare(declare.token(), over, alerts, worst, detectedAt, now);
            } else {
                waitFor(poll);
            }
        }
        throw new StoreUnavailableException("No alert-storm incident was linked within " + wait.toMillis()
                + " ms; the notification is refused so that Alertmanager sends it again.", null);
    }

    private Incident declare(String token, Optional<IncidentId> over, int alerts, Severity worst,
                             Instant detectedAt, Instant now) {
        Incident incident;
        try {
            incident = triage.declare(AlertDesk.SOURCE, "Alert storm: more than " + maxNewIncidents
                    + " alerts a minute fire without an incident", worst, null, null, Map.of("alerts", alerts),
                    detectedAt, now);
        } catch (RuntimeException e) {
            // Those waiting need not wait out the claim to try themselves.
            try {
                link.release(token);
            } catch (RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw e;
        }
        if (link.link(token, incident.id(), over)) {
            log.warn("{} opened for an alert storm ({} alerts past the budget of {} new incidents a minute){}",
                    incident.id(), alerts, maxNewIncidents, over.map(old -> ", after " + old).orElse(""));
        } else {
            log.warn("{} was declared for an alert storm after its claim ran out and another caller's "
                    + "incident took the link; it keeps this notification's {} alerts", incident.id(), alerts);
        }
        return incident;
    }

    private void waitFor(Duration duration) {
        try {
            pause.pause(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("Interrupted while waiting for the alert-storm incident", e);
        }
    }

    /**
     * The storm incident with the alerts' entries, raised to {@code worst} when that is worse, as
     * {@code sev} would: a SEVERITY_CHANGED entry and the next update re-planned. Decided on the
     * incident as it is now, so of concurrent joins none can lower what another raised.
     */
    IncidentChange join(Incident current, List<TimelineEntry> alerts, Severity worst, Instant now) {
        Incident.Builder next = current.toBuilder();
        List<TimelineEntry> entries = new ArrayList<>(alerts);
        // Severity may change until an incident is finished, as for the sev command.
        if (worst.compareTo(current.severity()) < 0 && current.state().isOpen()) {
            next.severity(worst).nextUpdateDueAt(schedule.replan(current, worst));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("from", current.severity().name());
            data.put("to", worst.name());
            entries.add(new TimelineEntry(now, now, TimelineKind.SEVERITY_CHANGED, "sitrep", AlertDesk.SOURCE.wireName(),
                    current.severity() + " → " + worst, data));
        }
        return new IncidentChange(next.build(), entries);
    }

    /** What the storm incident's channel is told of a raise the change made, if it made one. */
    static Optional<String> raised(IncidentChange change) {
        return change.entries().stream().filter(e -> e.kind() == TimelineKind.SEVERITY_CHANGED).findFirst()
                .map(e -> "⬆️ " + change.incident().id() + " is now " + e.data().get("to") + " (was "
                        + e.data().get("from") + "): alerts of that severity joined the storm.");
    }
}
