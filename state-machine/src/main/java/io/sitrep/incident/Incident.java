package io.sitrep.incident;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One incident as stored: an immutable value, replaced whole on every change. {@code version}
 * grows by one with each accepted change and is what concurrent writers compare against.
 *
 * @param channel        the incident's own chat channel; commands typed there act on it
 * @param rootCause      what {@code identified} said, the postmortem's default root cause
 * @param resolution     what {@code resolved} said, the postmortem's default resolution
 * @param lastUpdateAt   the last stakeholder update, null before the first
 * @param lastUpdateText what it said, for reminders that quote it
 * @param nextUpdateDueAt when stakeholders are owed the next update, null when none is owed
 * @param reminders      what the reminder clock did since the last update
 * @param runbooks       the runbooks started on it, by runbook id
 * @param platforms      the platforms it lives on, recorded at declaration ({@code slack} for one
 *                       typed on Slack, every chat platform for one a watcher opened); null for an
 *                       incident stored before they were recorded
 */
public record Incident(
        IncidentId id,
        String title,
        IncidentState state,
        Severity severity,
        String service,
        String region,
        List<String> nodes,
        Map<Role, String> roles,
        String channel,
        String declaredBy,
        Instant declaredAt,
        Instant detectedAt,
        Instant startedAt,
        Instant lastUpdateAt,
        String lastUpdateText,
        Instant nextUpdateDueAt,
        String rootCause,
        String resolution,
        Postmortem postmortem,
        ReminderState reminders,
        Map<String, RunbookRun> runbooks,
        long version,
        Set<String> platforms) {

    public Incident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(declaredAt, "declaredAt");
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        // EnumMap keeps roles in their natural order in every rendering.
        roles = roles == null || roles.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(roles));
        postmortem = postmortem == null ? Postmortem.EMPTY : postmortem;
        reminders = reminders == null ? ReminderState.NONE : reminders;
        runbooks = runbooks == null ? Map.of() : Collections.unmodifiableMap(new java.util.TreeMap<>(runbooks));
        platforms = platforms == null ? null : Collections.unmodifiableSet(new java.util.TreeSet<>(platforms));
    }

    /** An incident whose platforms are not (yet) recorded. */
    public Incident(IncidentId id, String title, IncidentState state, Severity severity, String service, String region,
                    List<String> nodes, Map<Role, String> roles, String channel, String declaredBy, Instant declaredAt,
                    Instant detectedAt, Instant startedAt, Instant lastUpdateAt, String lastUpdateText,
                    Instant nextUpdateDueAt, String rootCause, String resolution, Postmortem postmortem,
                    ReminderState reminders, Map<String, RunbookRun> runbooks, long version) {
        this(id, title, state, severity, service, region, nodes, roles, channel, declaredBy, declaredAt, detectedAt,
                startedAt, lastUpdateAt, lastUpdateText, nextUpdateDueAt, rootCause, resolution, postmortem, reminders,
                runbooks, version, null);
    }

    /** The same incident, living on {@code names}: set once, at declaration. */
    public Incident livingOn(Set<String> names) {
        return new Incident(id, title, state, severity, service, region, nodes, roles, channel, declaredBy, declaredAt,
                detectedAt, startedAt, lastUpdateAt, lastUpdateText, nextUpdateDueAt, rootCause, resolution, postmortem,
                reminders, runbooks, version, names);
    }

    /** A builder seeded with this incident, for the one or two fields a change touches. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    @JsonIgnore
    public String effectiveRootCause() {
        return firstNonBlank(postmortem.rootCause(), rootCause);
    }

    @JsonIgnore
    public String effectiveResolution() {
        return firstNonBlank(postmortem.resolution(), resolution);
    }

    private static String firstNonBlank(String preferred, String fallback) {
        return preferred != null && !preferred.isBlank() ? preferred : fallback;
    }

    /** Mutable copy of an incident; {@link #build()} gives the next version. */
    public static final class Builder {
        private final Incident base;
        private IncidentState state;
        private Severity severity;
        private Map<Role, String> roles;
        private Instant lastUpdateAt;
        private String lastUpdateText;
        private Instant nextUpdateDueAt;
        private String rootCause;
        private String resolution;
        private Postmortem postmortem;
        private ReminderState reminders;
        private Map<String, RunbookRun> runbooks;

        private Builder(Incident base) {
            this.base = base;
            this.state = base.state;
            this.severity = base.severity;
            this.roles = base.roles;
            this.lastUpdateAt = base.lastUpdateAt;
            this.lastUpdateText = base.lastUpdateText;
            this.nextUpdateDueAt = base.nextUpdateDueAt;
            this.rootCause = base.rootCause;
            this.resolution = base.resolution;
            this.postmortem = base.postmortem;
            this.reminders = base.reminders;
            this.runbooks = base.runbooks;
        }

        public Builder state(IncidentState value) {
            this.state = value;
            return this;
        }

        public Builder severity(Severity value) {
            this.severity = value;
            return this;
        }

        public Builder role(Role role, String user) {
            EnumMap<Role, String> copy = roles.isEmpty() ? new EnumMap<>(Role.class) : new EnumMap<>(roles);
            copy.put(role, user);
            this.roles = copy;
            return this;
        }

        /** A stakeholder update was posted: when, and what it said. */
        public Builder lastUpdate(Instant at, String text) {
            this.lastUpdateAt = at;
            this.lastUpdateText = text;
            return this;
        }

        public Builder nextUpdateDueAt(Instant value) {
            this.nextUpdateDueAt = value;
            return this;
        }

        public Builder rootCause(String value) {
            this.rootCause = value;
            return this;
        }

        public Builder resolution(String value) {
            this.resolution = value;
            return this;
        }

        public Builder postmortem(Postmortem value) {
            this.postmortem = value;
            return this;
        }

        public Builder reminders(ReminderState value) {
            this.reminders = value;
            return this;
        }

        public Builder runbook(String id, RunbookRun run) {
            Map<String, RunbookRun> next = new java.util.TreeMap<>(runbooks);
            next.put(id, run);
            this.runbooks = next;
            return this;
        }

        public Incident build() {
            return new Incident(base.id, base.title, state, severity, base.service, base.region, base.nodes,
                    roles, base.channel, base.declaredBy, base.declaredAt, base.detectedAt, base.startedAt,
                    lastUpdateAt, lastUpdateText, nextUpdateDueAt, rootCause, resolution, postmortem, reminders, runbooks, base.version + 1,
                    base.platforms);
        }
    }
}
