package io.sitrep.bot.heartbeat;

import java.util.List;

import io.sitrep.integrations.alerts.Alert;
import io.sitrep.integrations.alerts.AlertIntake;

/**
 * Alertmanager's {@code Watchdog}, the alert that always fires so that its silence can be
 * noticed, is the beat of the {@code watchdog} heartbeat when one is configured: a firing one
 * beats it, and no Watchdog alert opens an incident or joins one. Every other alert goes on to
 * the alert desk as before. Without a {@code watchdog} heartbeat, Watchdog is an alert like any.
 */
public final class WatchdogBeats implements AlertIntake {

    public static final String ALERT_NAME = "Watchdog";

    private final AlertIntake alerts;
    private final HeartbeatDesk heartbeats;

    public WatchdogBeats(AlertIntake alerts, HeartbeatDesk heartbeats) {
        this.alerts = alerts;
        this.heartbeats = heartbeats;
    }

    @Override
    public Result receive(List<Alert> received) {
        if (!heartbeats.expects(ExpectedHeartbeats.WATCHDOG)) {
            return alerts.receive(received);
        }
        List<Alert> rest = received.stream().filter(a -> !ALERT_NAME.equals(a.name())).toList();
        if (received.stream().anyMatch(a -> ALERT_NAME.equals(a.name()) && a.firing())) {
            heartbeats.beat(ExpectedHeartbeats.WATCHDOG);
        }
        return rest.isEmpty() ? new Result(0, 0, 0, 0, 0) : alerts.receive(rest);
    }
}
