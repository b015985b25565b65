package io.sitrep.bot.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sitrep.bot.health.HealthView;
import io.sitrep.bot.notice.Notices;
import io.sitrep.bot.notice.TriageDeclarer;
import io.sitrep.bot.runbook.RunbookCatalog;
import io.sitrep.config.AlertSettings;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentChange;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.Severity;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.Watcher;
import io.sitrep.incident.store.IncidentLinks;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.incident.store.StoreUnavailableException;
import io.sitrep.integrations.alerts.Alert;
import io.sitrep.integrations.alerts.AlertIntake;
import io.sitrep.integrations.alerts.AlertMarks;
import io.sitrep.integrations.alerts.NewIncidentBudget;
import io.sitrep.integrations.health.Target;

/**
 * Turns Alertmanager's alerts into incident facts. A firing alert attaches to every open
 * incident its service or node labels point at (and to the one it opened itself), or opens a
 * TRIAGE incident when there is none; a
 * resolved alert is a timeline entry and a prompt to resolve. Alertmanager repeats
 * notifications: an alert already seen in the same status since the same start changes nothing.
 * Its mark is pending while it is recorded and says recorded only after, so a delivery cut short
 * in between (its replica killed) is answered neither by losing the alert nor by recording it
 * twice: the retry waits for the mark to age, then records it where it is not yet.
 */
public final class AlertDesk implements AlertIntake {

    public static final Watcher SOURCE = Watcher.ALERT;
    /**
     * How long an alert's pending mark is taken for a delivery still at work: far longer than
     * one takes (waiting for the storm incident, 6 s at most, is the longest part), so that a
     * live delivery is never taken over; a retry in that time is answered 503.
     */
    public static final Duration IN_FLIGHT_FOR = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(AlertDesk.class);

    private final IncidentStore store;
    private final IncidentWriter writer;
    private final AlertMarks marks;
    private final IncidentLinks links;
    private final TriageDeclarer triage;
    private final Notices notices;
    private final Clock clock;
    private final RunbookCatalog runbooks;
    private final NewIncidentBudget budget;
    private final AlertSettings severities;
    private final AlertStorm storm;

    public AlertDesk(IncidentStore store, IncidentWriter writer, AlertMarks marks, IncidentLinks links,
                     TriageDeclarer triage, Notices notices, Clock clock, RunbookCatalog runbooks,
                     NewIncidentBudget budget, AlertSettings settings, AlertStorm storm) {
        this.budget = budget;
        this.severities = settings;
        this.storm = storm;
        this.store = store;
        this.writer = writer;
        this.marks = marks;
        this.links = links;
        this.triage = triage;
        this.notices = notices;
        this.clock = clock;
        this.runbooks = runbooks;
    }

    /**
     * Every alert of one notification: the open incidents are read once, entries for one
     * incident are written in one change, and at most {@code max-new-incidents} a minute are
     * opened (across replicas); the rest of a storm joins one alert-storm incident, each alert
     * still on its timeline.
     *
     * @throws StoreUnavailableException when another delivery of some of these alerts is being
     *                                   recorded right now: Alertmanager sends it again
     */
    @Override
    public Result receive(List<Alert> alerts) {
        Instant now = clock.instant();
        AlertMarks.Attempt attempt = marks.take(alerts.stream().map(AlertDesk::key).distinct().toList(), now);
        if (attempt.finds(AlertMarks.Found.IN_FLIGHT)) {
            throw released(attempt, new StoreUnavailableException("Alerts of this notification are being recorded "
                    + "by an earlier delivery right now; it is refused so that Alertmanager sends it again.", null));
        }
        // Only after an attempt that died: what it wrote is read back, and it may have declared an
        // incident without indexing it as open yet, which only a scan sees.
        boolean unfinished = attempt.finds(AlertMarks.Found.UNFINISHED);
        List<Incident> open = new ArrayList<>(unfinished
                ? store.findAll().stream().filter(i -> i.state().isOpen()).toList() : store.findOpen());
        AlertsOnTimelines written = unfinished ? AlertsOnTimelines.read(store, open) : AlertsOnTimelines.NONE;
        Map<IncidentId, List<TimelineEntry>> entries = new LinkedHashMap<>();
        Map<IncidentId, List<String>> notes = new LinkedHashMap<>();
        List<Alert> stormed = new ArrayList<>();
        Set<String> counted = new HashSet<>();
        int declared = 0;
        int attached = 0;
        int resolved = 0;
        int repeats = 0;
        try {
            for (Alert alert : alerts) {
                String key = key(alert);
                if (!counted.add(key) || !attempt.found(key).taken()) {
                    repeats++;
                    continue;
                }
                List<Incident> covering = covering(alert, open);
                Set<IncidentId> holding = written.holding(key);
                if (!holding.isEmpty()) {
                    // Declared or stormed by the attempt that died, or on some of its incidents: only the rest.
                    written.declaredFor(key).ifPresent(id -> links.link(linkKey(alert), id));
                    covering = covering.stream().filter(i -> !holding.contains(i.id())).toList();
                    if (covering.isEmpty()) {
                        repeats++;
                        continue;
                    }
                } else if (alert.firing() && covering.isEmpty()) {
                    if (budget.take(now)) {
                        open.add(declare(alert, now));
                        declared++;
                    } else {
                        stormed.add(alert);
                    }
                    continue;
                }
                String text = (alert.firing() ? "Alert firing: " : "Alert resolved: ") + alert.name() + " — "
                        + alert.summary();
                for (Incident incident : covering) {
                    entries.computeIfAbsent(incident.id(), id -> new ArrayList<>()).add(entry(alert, text, now));
                    notes.computeIfAbsent(incident.id(), id -> new ArrayList<>()).add("🔔 " + text + (alert.firing()
                            ? "" : ". If the service is back: /incident resolved <what fixed it>"));
                }
                if (alert.firing()) {
                    attached++;
                } else {
                    resolved++;
                }
            }
            Joining joining = null;
            if (!stormed.isEmpty()) {
                Severity worst = stormed.stream().map(this::severityOf).min(Comparator.naturalOrder())
                        .orElse(Severity.DEFAULT);
                IncidentId stormId = storm.incident(stormed.size(), worst, stormed.get(0).startsAt(), now).id();
                for (Alert alert : stormed) {
                    entries.computeIfAbsent(stormId, id -> new ArrayList<>()).add(entry(alert,
                            "Alert firing: " + alert.name() + " — " + alert.summary(), now));
                }
                notes.computeIfAbsent(stormId, id -> new ArrayList<>()).add("🔔 " + stormed.size()
                        + " more alert(s) firing without an incident joined this storm: " + names(stormed));
                joining = new Joining(stormId, worst);
            }
            write(entries, notes, joining, now);
        } catch (RuntimeException e) {
            // Some, all or none applied: Alertmanager's retry records what is not on the timelines.
            throw released(attempt, e);
        }
        try {
            marks.recorded(attempt);
        } catch (StoreUnavailableException e) {
            // They are recorded; a retry that finds them still pending looks and finds them there.
            log.warn("Alerts recorded but not marked as recorded ({}); a repeat of them is checked on the timelines",
                    e.getMessage());
        }
        if (alerts.stream().anyMatch(Alert::firing)) {
            for (Alert alert : alerts) {
                if (alert.firing() && !stormed.contains(alert)) {
                    covering(alert, open).forEach(incident -> suggestRunbooks(incident, alert));
                }
            }
        }
        return new Result(declared, attached, resolved, repeats, stormed.size());
    }

    private RuntimeException released(AlertMarks.Attempt attempt, RuntimeException failure) {
        try {
            marks.release(attempt);
        } catch (RuntimeException alsoFailed) {
            // The marks then age into "unfinished" on their own.
            failure.addSuppressed(alsoFailed);
        }
        return failure;
    }

    /** One alert's mark: Alertmanager repeats an alert with the same fingerprint, status and start. */
    private static String key(Alert alert) {
        return AlertsOnTimelines.key(alert.fingerprint(), status(alert), alert.startsAt());
    }

    private static String status(Alert alert) {
        return alert.firing() ? "firing" : "resolved";
    }

    /** Where the incident an alert opened is found by its fingerprint. */
    private static String linkKey(Alert alert) {
        return "alert:" + alert.fingerprint();
    }

    /** A TRIAGE incident for a firing alert nobody is working on, at the alert's severity and start. */
    private Incident declare(Alert alert, Instant now) {
        Incident incident = triage.declare(SOURCE, "[" + alert.name() + "] " + alert.summary(), severityOf(alert),
                alert.service(), alert.node(), data(alert), alert.startsAt(), now);
        links.link(linkKey(alert), incident.id());
        log.info("{} declared for alert {} ({})", incident.id(), alert.name(), alert.fingerprint());
        return incident;
    }

    /** The storm incident this notification's stormed alerts join, and the worst of their severities. */
    private record Joining(IncidentId storm, Severity worst) {
    }

    /**
     * One change per incident with all its entries (the storm incident's raising its severity
     * too), and what its channel is told queued with it.
     */
    private void write(Map<IncidentId, List<TimelineEntry>> entries, Map<IncidentId, List<String>> notes,
                       Joining joining, Instant now) {
        entries.forEach((id, list) -> writer.announcing(notices.announcing(SOURCE,
                        written -> new Notices.Notice(told(notes.getOrDefault(id, List.of()), written), List.of())))
                .update(id, current -> Optional.of(joining != null && joining.storm().equals(id)
                        ? storm.join(current, list, joining.worst(), now)
                        : new IncidentChange(current.toBuilder().build(), list))));
    }

    private static List<String> told(List<String> notes, IncidentChange written) {
        List<String> told = new ArrayList<>(notes);
        AlertStorm.raised(written).ifPresent(told::add);
        return told;
    }

    private Severity severityOf(Alert alert) {
        return severities.severityOf(alert.labels().get("severity"))
                .flatMap(n -> Severity.tryParse(Integer.toString(n))).orElse(Severity.DEFAULT);
    }

    private static TimelineEntry entry(Alert alert, String text, Instant now) {
        return new TimelineEntry(now, now, TimelineKind.ALERT, "alertmanager", SOURCE.wireName(), text, data(alert));
    }

    private static String names(List<Alert> alerts) {
        List<String> names = alerts.stream().map(Alert::name).distinct().limit(10).toList();
        long more = alerts.stream().map(Alert::name).distinct().count() - names.size();
        return String.join(", ", names) + (more > 0 ? " and " + more + " more" : "");
    }

    /** The runbooks that fit the incident and this alert (its name, its labels), not yet running there. */
    private void suggestRunbooks(Incident incident, Alert alert) {
        List<String> fitting = runbooks.matching(incident, alert.name(), alert.labels()).stream()
                .filter(r -> !incident.runbooks().containsKey(r.id()))
                .map(r -> r.id() + " (" + r.title() + ")")
                .toList();
        if (!fitting.isEmpty()) {
            notices.post(SOURCE, incident, "Runbooks that fit " + alert.name() + ": " + String.join(", ", fitting)
                    + ". Start one with /incident runbook <id>.", List.of(), false);
        }
    }

    /** Open incidents the labels point at, and the one this alert opened, if still open. */
    private List<Incident> covering(Alert alert, List<Incident> open) {
        Target target = new Target(alert.name(), alert.service(), alert.node());
        Optional<IncidentId> opened = links.find(linkKey(alert));
        return open.stream()
                .filter(i -> HealthView.covers(i, target) || opened.map(i.id()::equals).orElse(false))
                .toList();
    }

    private static Map<String, Object> data(Alert alert) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("alertname", alert.name());
        data.put("status", status(alert));
        data.put("fingerprint", alert.fingerprint());
        data.put("groupKey", alert.groupKey());
        if (alert.startsAt() != null) {
            data.put("startsAt", alert.startsAt().toString());
        }
        if (alert.endsAt() != null) {
            data.put("endsAt", alert.endsAt().toString());
        }
        data.put("labels", new java.util.TreeMap<>(alert.labels()));
        return data;
    }
}
