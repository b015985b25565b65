package io.sitrep.bot.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sitrep.bot.notice.Notices;
import io.sitrep.bot.notice.TriageDeclarer;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentChange;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.Watcher;
import io.sitrep.incident.store.IncidentLinks;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.health.HealthState;
import io.sitrep.integrations.health.Target;

/**
 * What records: a confirmed change becomes a timeline entry and a channel post on every open
 * incident whose service or nodes cover the target; a DOWN target no open incident covers opens
 * a TRIAGE incident, once.
 */
public final class HealthRecorder {

    public static final Watcher SOURCE = Watcher.HEALTH;
    private static final Logger log = LoggerFactory.getLogger(HealthRecorder.class);

    private final IncidentStore store;
    private final IncidentWriter writer;
    private final Notices notices;
    private final TriageDeclarer triage;
    private final IncidentLinks links;
    private final boolean autoDeclare;
    private volatile HealthHold hold = HealthHold.NONE;

    public HealthRecorder(IncidentStore store, IncidentWriter writer, Notices notices, TriageDeclarer triage,
                          IncidentLinks links, boolean autoDeclare) {
        this.store = store;
        this.writer = writer;
        this.notices = notices;
        this.triage = triage;
        this.links = links;
        this.autoDeclare = autoDeclare;
    }

    /** What may take a change before the incidents see it (set at wiring). */
    public void holdWith(HealthHold holder) {
        this.hold = holder;
    }

    void record(HealthChange change) {
        log.info("Health: {}", change.text());
        if (hold.held(change)) {
            return;
        }
        Optional<IncidentId> opened = links.find("health:" + change.target().name());
        List<Incident> covering = store.findOpen().stream()
                .filter(i -> HealthView.covers(i, change.target()) || opened.map(i.id()::equals).orElse(false))
                .toList();
        for (Incident incident : covering) {
            TimelineEntry entry = new TimelineEntry(change.at(), change.at(), TimelineKind.HEALTH_CHANGED, "sitrep",
                    SOURCE.wireName(), change.text(), data(change));
            writer.announcing(notices.announcing(SOURCE, written -> Notices.Notice.of("🩺 " + change.text())))
                    .update(incident.id(), current -> Optional.of(new IncidentChange(current.toBuilder().build(), entry)));
        }
        if (covering.isEmpty() && change.to() == HealthState.DOWN && autoDeclare) {
            declare(change);
        }
    }

    /** A TRIAGE incident for a DOWN target nobody is working on yet. */
    private void declare(HealthChange change) {
        Target target = change.target();
        Incident incident = triage.declare(SOURCE, target.name() + " is DOWN: " + change.reason(), target.service(),
                target.node(), data(change), change.at());
        // Covers its target even when the target names no service or node.
        links.link("health:" + target.name(), incident.id());
        log.info("{} declared in {} for {}", incident.id(), incident.state(), change.text());
    }

    private static Map<String, Object> data(HealthChange change) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("target", change.target().name());
        if (change.target().service() != null) {
            data.put("service", change.target().service());
        }
        if (change.target().node() != null) {
            data.put("node", change.target().node());
        }
        data.put("from", change.from().name());
        data.put("to", change.to().name());
        data.put("reason", change.reason());
        return data;
    }
}
