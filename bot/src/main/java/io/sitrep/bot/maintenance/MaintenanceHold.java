package io.sitrep.bot.maintenance;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sitrep.bot.health.HealthChange;
import io.sitrep.bot.health.HealthHold;
import io.sitrep.integrations.alerts.Alert;
import io.sitrep.integrations.alerts.AlertIntake;

/**
 * While a window runs, what the watchers say about its service is expected: an alert or a
 * health change for it goes on the window's own timeline and opens no incident, tells no
 * incident and pages nobody. Everything else passes as before. Alertmanager's own silences
 * are left to their owners.
 */
public final class MaintenanceHold implements HealthHold {

    private static final Logger log = LoggerFactory.getLogger(MaintenanceHold.class);

    private final MaintenanceView view;
    private final MaintenanceStore store;
    private final Clock clock;

    public MaintenanceHold(MaintenanceView view, MaintenanceStore store, Clock clock) {
        this.view = view;
        this.store = store;
        this.clock = clock;
    }

    /** {@code desk} for every alert no running window covers. */
    public AlertIntake alerts(AlertIntake desk) {
        return alerts -> {
            List<Alert> passed = new ArrayList<>(alerts.size());
            for (Alert alert : alerts) {
                Optional<MaintenanceWindow> window = view.covering(alert.service(), alert.labels().get("region"));
                if (window.isPresent()) {
                    held(window.get(), alert);
                } else {
                    passed.add(alert);
                }
            }
            return passed.isEmpty() ? new AlertIntake.Result(0, 0, 0, 0, 0) : desk.receive(passed);
        };
    }

    private void held(MaintenanceWindow window, Alert alert) {
        String status = alert.firing() ? "firing" : "resolved";
        String text = "Alert " + status + " during maintenance: " + alert.name() + " — " + alert.summary();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("alertname", alert.name());
        data.put("status", status);
        data.put("fingerprint", alert.fingerprint());
        data.put("labels", new java.util.TreeMap<>(alert.labels()));
        // Alertmanager repeats an alert: one entry per fingerprint, status and start.
        String key = "alert:" + alert.fingerprint() + ":" + status + ":" + alert.startsAt();
        store.note(window.id(), key, new MaintenanceEntry(clock.instant(), "alert", "alertmanager", text, data));
        log.info("Alert {} for {} held back by maintenance {}", alert.name(), alert.service(), window.id());
    }

    @Override
    public boolean held(HealthChange change) {
        Optional<MaintenanceWindow> window = view.covering(change.target().service(), null);
        if (window.isEmpty()) {
            return false;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("target", change.target().name());
        data.put("from", change.from().name());
        data.put("to", change.to().name());
        data.put("reason", change.reason());
        Instant at = change.at();
        store.note(window.get().id(), "health:" + change.target().name() + ":" + change.to() + ":" + at,
                new MaintenanceEntry(at, "health", "health", "Health during maintenance: " + change.text(), data));
        log.info("Health change {} held back by maintenance {}", change.text(), window.get().id());
        return true;
    }
}
