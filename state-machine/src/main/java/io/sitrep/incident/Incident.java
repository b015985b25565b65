package io.sitrep.incident;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.sitrep.incident.paging.Paging;

/**
 * One incident as stored: an immutable value, replaced whole on every change. {@code version}
 * grows by one with each accepted change and is what concurrent writers compare against.
 *
 * @param channel        the incident's own chat channel; commands typed there act on it
 * @param visibility     whether it may ever be on the public status page, as declared
 * @param rootCause      what {@code identified} said, the postmortem's default root cause
 * @param resolution     what {@code resolved} said, the postmortem's default resolution
 * @param lastUpdateAt   the last stakeholder update, null before the first
 * @param lastUpdateText what it said, for reminders that quote it
 * @param nextUpdateDueAt when stakeholders are owed the next update, null when none is owed
 * @param reminders      what the reminder clock did since the last update
 * @param runbooks       the runbooks started on it, by runbook id
 * @param platforms      the platforms it lives on, recorded at declaration ({@code slack} for one
 *                       typed on Slack, every chat platform for one a watcher opened); null for an
 *                       incident stored before they were recorded. Stored by their names, in
 *                       their names' order, and a name this build does not know is kept
 * @param paging         the people paged to help with it, and how far each page got
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
        Visibility visibility,
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
        Set<Platform> platforms,
        Paging paging) {

    public Incident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(declaredAt, "declaredAt");
        // No default: an incident whose visibility is unknown must not be published by mistake.
        Objects.requireNonNull(visibility, "visibility");
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        // EnumMap keeps roles in their natural order in every rendering.
        roles = roles == null || roles.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(roles));
        postmortem = postmortem == null ? Postmortem.EMPTY : postmortem;
        reminders = reminders == null ? ReminderState.NONE : reminders;
        runbooks = runbooks == null ? Map.of() : Collections.unmodifiableMap(new java.util.TreeMap<>(runbooks));
        platforms = platforms == null ? null : Collections.unmodifiableSet(byName(platforms));
        paging = paging == null ? Paging.NONE : paging;
    }

    /** The same incident, at the same version, living on {@code names}: set once, at declaration. */
    public Incident livingOn(Set<Platform> names) {
        return toBuilder().platforms(names).version(version).build();
    }

    // Sorted by name, so the stored list reads as it did when platforms were plain names.
    private static Set<Platform> byName(Set<Platform> platforms) {
        Set<Platform> sorted = new java.util.TreeSet<>(Platform.BY_NAME);
        sorted.addAll(platforms);
        return sorted;
    }

    /**
     * A builder for a new incident (version 1): the fields an incident cannot be without are
     * named here, every other one is set by name or left empty.
     */
    public static Builder builder(IncidentId id, IncidentState state, Severity severity, Instant declaredAt) {
        return new Builder(id, state, severity, declaredAt);
    }

    /** A builder seeded with this incident, for the one or two fields a change touches; it builds the next version. */
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

    /** Mutable incident fields by name; {@link #build()} gives the incident. */
    public static final class Builder {
        private final IncidentId id;
        private final Instant declaredAt;
        private String title;
        private IncidentState state;
        private Severity severity;
        private String service;
        private String region;
        private List<String> nodes;
        private Map<Role, String> roles;
        private String channel;
        private String declaredBy;
        private Visibility visibility;
        private Instant detectedAt;
        private Instant startedAt;
        private Instant lastUpdateAt;
        private String lastUpdateText;
        private Instant nextUpdateDueAt;
        private String rootCause;
        private String resolution;
        private Postmortem postmortem;
        private ReminderState reminders;
        private Map<String, RunbookRun> runbooks;
        private long version;
        private Set<Platform> platforms;
        private Paging paging;

        private Builder(IncidentId id, IncidentState state, Severity severity, Instant declaredAt) {
            this.id = id;
            this.state = state;
            this.severity = severity;
            this.declaredAt = declaredAt;
            this.visibility = Visibility.PUBLIC;
            this.nodes = List.of();
            this.roles = Map.of();
            this.postmortem = Postmortem.EMPTY;
            this.reminders = ReminderState.NONE;
            this.runbooks = Map.of();
            this.version = 1;
        }

        private Builder(Incident base) {
            this(base.id, base.state, base.severity, base.declaredAt);
            this.title = base.title;
            this.service = base.service;
            this.region = base.region;
            this.nodes = base.nodes;
            this.roles = base.roles;
            this.channel = base.channel;
            this.declaredBy = base.declaredBy;
            this.visibility = base.visibility;
            this.detectedAt = base.detectedAt;
            this.startedAt = base.startedAt;
            this.lastUpdateAt = base.lastUpdateAt;
            this.lastUpdateText = base.lastUpdateText;
            this.nextUpdateDueAt = base.nextUpdateDueAt;
            this.rootCause = base.rootCause;
            this.resolution = base.resolution;
            this.postmortem = base.postmortem;
            this.reminders = base.reminders;
            this.runbooks = base.runbooks;
            this.version = base.version + 1;
            this.platforms = base.platforms;
            this.paging = base.paging;
        }

        public Builder title(String value) {
            this.title = value;
            return this;
        }

        public Builder state(IncidentState value) {
            this.state = value;
            return this;
        }

        public Builder severity(Severity value) {
            this.severity = value;
            return this;
        }

        public Builder service(String value) {
            this.service = value;
            return this;
        }

        public Builder region(String value) {
            this.region = value;
            return this;
        }

        public Builder nodes(List<String> value) {
            this.nodes = value;
            return this;
        }

        public Builder roles(Map<Role, String> value) {
            this.roles = value == null ? Map.of() : value;
            return this;
        }

        public Builder role(Role role, String user) {
            EnumMap<Role, String> copy = roles.isEmpty() ? new EnumMap<>(Role.class) : new EnumMap<>(roles);
            copy.put(role, user);
            this.roles = copy;
            return this;
        }

        public Builder channel(String value) {
            this.channel = value;
            return this;
        }

        public Builder declaredBy(String value) {
            this.declaredBy = value;
            return this;
        }

        /** Public unless declared private. */
        public Builder visibility(Visibility value) {
            this.visibility = value;
            return this;
        }

        public Builder detectedAt(Instant value) {
            this.detectedAt = value;
            return this;
        }

        public Builder startedAt(Instant value) {
            this.startedAt = value;
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

        public Builder runbooks(Map<String, RunbookRun> value) {
            this.runbooks = value == null ? Map.of() : value;
            return this;
        }

        public Builder runbook(String id, RunbookRun run) {
            Map<String, RunbookRun> next = new java.util.TreeMap<>(runbooks);
            next.put(id, run);
            this.runbooks = next;
            return this;
        }

        /** The platforms it lives on; see {@link Incident#platforms()}. */
        public Builder platforms(Set<Platform> names) {
            this.platforms = names;
            return this;
        }

        public Builder paging(Paging value) {
            this.paging = value;
            return this;
        }

        /** For stores and tests that need a record at a given version; changes get theirs from {@link #toBuilder()}. */
        public Builder version(long value) {
            this.version = value;
            return this;
        }

        public Incident build() {
            return new Incident(id, title, state, severity, service, region, nodes, roles, channel, declaredBy,
                    visibility, declaredAt, detectedAt, startedAt, lastUpdateAt, lastUpdateText, nextUpdateDueAt, rootCause,
                    resolution, postmortem, reminders, runbooks, version,
                    platforms, paging);
        }
    }
}
