package io.sitrep.integrations.health;

import java.util.Collection;
import java.util.Map;

/**
 * The one truth about target health that every replica reads: the replica holding the
 * health-watch lease writes the confirmed states (with their {@code since}) and how each
 * source answered; everyone, the holder included, answers questions from here.
 */
public interface HealthBoard {

    /** The name of the lease whose holder alone may write here. */
    String LEASE = "{health}";

    /** Every target's status as last recorded, by target name. */
    Map<String, TargetStatus> targets();

    /** How each source's last poll went, by source name. */
    Map<String, SourceStatus> sources();

    /**
     * Writes what changed in one step, and only while {@code holder} holds the lease: a replica
     * that lost it (a long pause) can't overwrite its successor's newer picture.
     *
     * @return whether it was written
     */
    boolean record(String holder, Collection<TargetStatus> changed, Collection<String> removed,
                   Collection<SourceStatus> sources);
}
