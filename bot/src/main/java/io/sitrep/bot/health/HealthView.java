package io.sitrep.bot.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.sitrep.incident.Incident;
import io.sitrep.incident.lifecycle.ResolutionHealth;
import io.sitrep.integrations.health.Target;
import io.sitrep.integrations.health.TargetStatus;

/**
 * What commands, runbook checks and the lifecycle's resolve guard may ask of the health watch.
 * Every replica gets the same answers ({@link SharedHealth}).
 */
public interface HealthView extends ResolutionHealth {

    /** No health sources configured: nothing to show, nothing to hold a resolution back. */
    HealthView NONE = new HealthView() {
        @Override
        public List<TargetStatus> statuses() {
            return List.of();
        }

        @Override
        public Duration stableFor() {
            return Duration.ZERO;
        }

        @Override
        public Optional<String> unsettled(Incident incident) {
            return Optional.empty();
        }

        @Override
        public Map<String, String> sourceReachability() {
            return Map.of();
        }
    };

    /** Every watched target, by name. */
    List<TargetStatus> statuses();

    /** Each source and how its last poll went, for {@code /actuator/health/sources}. */
    Map<String, String> sourceReachability();

    /** How long an incident's targets must be HEALTHY before it may be resolved. */
    Duration stableFor();

    /** The targets of this incident: its service's, and those on its nodes. */
    default List<TargetStatus> covering(Incident incident) {
        return statuses().stream().filter(s -> covers(incident, s.target())).toList();
    }

    /** This incident's targets that have not been HEALTHY for the whole stabilisation window. */
    default List<TargetStatus> notStable(Incident incident, Instant now) {
        Instant since = now.minus(stableFor());
        return covering(incident).stream().filter(s -> !s.healthySince(since)).toList();
    }

    static boolean covers(Incident incident, Target target) {
        boolean service = target.service() != null && incident.service() != null
                && target.service().equalsIgnoreCase(incident.service());
        boolean node = target.node() != null && incident.nodes().stream().anyMatch(n -> n.equalsIgnoreCase(target.node()));
        return service || node;
    }
}
