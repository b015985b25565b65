package io.sitrep.incident;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * One of Sitrep's own watchers: no chat user, and never posing as one. The stored form is the
 * lower-case name ({@code reminder}), the same the previous release wrote as a change's origin
 * and a timeline entry's source.
 */
public enum Watcher implements Origin {
    /** The reminder clock: update reminders and escalations. */
    REMINDER("reminder"),
    /** The health watch, which opens incidents when a target goes down. */
    HEALTH("health"),
    /** Alertmanager's webhook, which opens incidents for firing alerts. */
    ALERT("alert"),
    /** The pager, which notifies the people paged and escalates when nobody acknowledges. */
    PAGER("pager"),
    /** The heartbeat watch, which opens an incident when monitoring itself goes quiet. */
    HEARTBEAT("heartbeat");

    private final String wireName;

    Watcher(String wireName) {
        this.wireName = wireName;
    }

    @Override
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The watcher stored as {@code name}, if it is one. */
    public static java.util.Optional<Watcher> find(String name) {
        for (Watcher watcher : values()) {
            if (watcher.wireName.equals(name)) {
                return java.util.Optional.of(watcher);
            }
        }
        return java.util.Optional.empty();
    }

    /** The watcher stored as {@code name}. */
    @JsonCreator
    public static Watcher named(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("not one of Sitrep's watchers: " + name));
    }

    /** Watchers that open incidents (health, alerts, heartbeats): those get a room on every platform. */
    public boolean opensIncidents() {
        return this == HEALTH || this == ALERT || this == HEARTBEAT;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
