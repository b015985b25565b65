package io.sitrep.integrations.alerts;

import java.time.Instant;

/**
 * How many incidents alerts may still open this minute, counted across every replica: a storm
 * of alerts must not bury responders under hundreds of TRIAGE incidents.
 */
@FunctionalInterface
public interface NewIncidentBudget {

    /** Takes one from this minute's budget; false when it is spent. */
    boolean take(Instant now);
}
