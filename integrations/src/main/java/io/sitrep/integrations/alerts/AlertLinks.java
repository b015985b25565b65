package io.sitrep.integrations.alerts;

import java.util.Optional;

import io.sitrep.incident.IncidentId;

/**
 * Which incident an alert opened, by fingerprint, so that its later notifications (and its
 * resolution) reach that incident even when its labels name no service or node.
 */
public interface AlertLinks {

    void link(String fingerprint, IncidentId incident);

    Optional<IncidentId> find(String fingerprint);
}
