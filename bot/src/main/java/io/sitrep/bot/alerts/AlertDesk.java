package io.sitrep.bot.alerts;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sitrep.bot.health.HealthView;
import io.sitrep.bot.notice.Notices;
import io.sitrep.bot.notice.TriageDeclarer;
import io.sitrep.bot.runbook.RunbookCatalog;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentChange;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.store.IncidentLinks;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.alerts.Alert;
import io.sitrep.integrations.alerts.AlertIntake;
import io.sitrep.integrations.chat.RequestDeduplicator;
import io.sitrep.integrations.health.Target;

/**
 * Turns Alertmanager's alerts into incident facts. A firing alert attaches to every open
 * incident its service or node labels point at (and to the one it opened itself), or opens a
 * TRIAGE incident when there is none; a
 * resolved alert is a timeline entry and a prompt to resolve. Alertmanager repeats
 * notifications: an alert already seen in the same status since the same start changes nothing.
 */
public final class AlertDesk implements AlertIntake {

    public static final String SOURCE = "alert";
    private static final Logger log = LoggerFactory.getLogger(AlertDesk.class);

    private final IncidentStore store;
    private final IncidentWriter writer;
    private final RequestDeduplicator seen;
    private final IncidentLinks links;
    private final TriageDeclarer triage;
    private final Notices notices;
    private final Clock clock;
    private final RunbookCatalog runbooks;

    public AlertDesk(IncidentStore store, IncidentWriter writer, RequestDeduplicator seen, IncidentLinks links,
                     TriageDeclarer triage, Notices notices, Clock clock, RunbookCatalog runbooks) {
        this.store = store;
        this.writer = writer;
        this.seen = seen;
        this.links = links;
        this.triage = triage;
        this.notices = notices;
        this.clock = clock;
        this.runbooks = runbooks;
    }

    @Override
    public Result receive(List<Alert> alerts) {
        int declared = 0;
        int attached = 0;
        int resolved = 0;
        int repeats = 0;
        for (Alert alert : alerts) {
            String key = "alert:" + alert.fingerprint() + ":" + (alert.firing() ? "firing" : "resolved") + ":"
                    + alert.startsAt();
            if (!seen.firstDelivery(key)) {
                repeats++;
                continue;
            }
            try {
                if (apply(alert)) {
                    declared++;
                } else if (alert.firing()) {
                    attached++;
                } else {
                    resolved++;
                }
            } catch (RuntimeException e) {
                // Not applied: Alertmanager's retry must not count as a repeat.
                seen.forget(key);
                throw e;
            }
        }
        return new Result(declared, attached, resolved, repeats);
    }

    /** @return true when the alert opened a new incident */
    private boolean apply(Alert alert) {
        Instant now = clock.instant();
        Target target = new Target(alert.name(), alert.service(), alert.node());
        List<Incident> covering = covering(alert, target);
        if (alert.firing() && covering.isEmpty()) {
            Incident incident = triage.declare(SOURCE, "[" + alert.name() + "] " + alert.summary(), alert.service(),
                    alert.node(), data(alert), now);
            links.link("alert:" + alert.fingerprint(), incident.id());
            log.info("{} declared for alert {} ({})", incident.id(), alert.name(), alert.fingerprint());
            suggestRunbooks(incident, alert);
            return true;
        }
        for (Incident incident : covering) {
            String text = (alert.firing() ? "Alert firing: " : "Alert resolved: ") + alert.name() + " — "
                    + alert.summary();
            TimelineEntry entry = new TimelineEntry(now, now, TimelineKind.ALERT, "alertmanager", SOURCE, text,
                    data(alert));
            writer.update(incident.id(), current -> Optional.of(new IncidentChange(current.toBuilder().build(), entry)));
            notices.post(SOURCE, incident, "🔔 " + text + (alert.firing() ? ""
                    : ". If the service is back: /incident resolved <what fixed it>"), List.of(), false);
            if (alert.firing()) {
                suggestRunbooks(incident, alert);
            }
        }
        return false;
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
    private List<Incident> covering(Alert alert, Target target) {
        List<Incident> open = store.findOpen();
        Optional<IncidentId> opened = links.find("alert:" + alert.fingerprint());
        return open.stream()
                .filter(i -> HealthView.covers(i, target) || opened.map(i.id()::equals).orElse(false))
                .toList();
    }

    private static Map<String, Object> data(Alert alert) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("alertname", alert.name());
        data.put("status", alert.firing() ? "firing" : "resolved");
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
