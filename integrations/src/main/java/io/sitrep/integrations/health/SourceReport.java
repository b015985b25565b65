package io.sitrep.integrations.health;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one poll of a source brought back: an observation per target it could judge, and, when
 * the source itself did not answer (or answered only in part), that trouble in words a person
 * reads — what was tried and for how long. Targets of a source that did not answer are
 * UNKNOWN; the trouble is what {@code /actuator/health/sources} reports.
 *
 * @param trouble null when the source answered every question it was asked
 */
public record SourceReport(List<Observation> observations, String trouble) {

    public SourceReport {
        observations = List.copyOf(observations);
    }

    public static SourceReport answered(List<Observation> observations) {
        return new SourceReport(observations, null);
    }

    /** Every target of the source UNKNOWN, for the same reason the source is in trouble. */
    public static SourceReport notAnswering(Collection<Target> targets, String why) {
        return new SourceReport(targets.stream().map(t -> new Observation(t, HealthState.UNKNOWN, why)).toList(), why);
    }

    public boolean answered() {
        return trouble == null;
    }

    /** This report cut down to the given targets. */
    public SourceReport only(Collection<Target> targets) {
        Set<String> names = targets.stream().map(Target::name).collect(Collectors.toSet());
        return new SourceReport(observations.stream().filter(o -> names.contains(o.target().name())).toList(), trouble);
    }
}
