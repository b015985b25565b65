package io.sitrep.integrations.alerts;

import java.util.Optional;

import io.sitrep.incident.IncidentId;

/**
 * Which incident collects the alert storm, decided in one place for every replica: of the
 * notifications that find this minute's budget spent at the same moment, exactly one declares
 * the storm incident and the others attach to it.
 */
public interface StormLink {

    /** What a caller that needs the storm incident is to do next. */
    sealed interface Claim {

        /** The incident the link points at now. */
        record Linked(IncidentId incident) implements Claim {
        }

        /** This caller declares the storm incident, then {@link #link}s it with {@code token}. */
        record Declare(String token) implements Claim {
        }

        /** Another caller is declaring it: ask again shortly. */
        record Wait() implements Claim {
        }
    }

    /**
     * @param over the incident the link pointed at when the caller found it no longer collects
     *             the storm: it is replaced only while the link still points there
     */
    Claim claim(Optional<IncidentId> over);

    /**
     * Points the link at the incident the claim's holder declared and ends the claim; false when
     * the claim ran out and somebody else has claimed or linked since.
     */
    boolean link(String token, IncidentId incident, Optional<IncidentId> over);

    /** Ends a claim whose holder could not declare, so that a waiting caller takes over at once. */
    void release(String token);
}
