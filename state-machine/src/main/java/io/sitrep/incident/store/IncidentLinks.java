package io.sitrep.incident.store;

import java.util.Optional;

import io.sitrep.incident.IncidentId;

/**
 * Which incident a watcher's finding opened, by a key of the watcher's ({@code alert:<fingerprint>},
 * {@code health:<target>}), so that later news of the same thing reaches that incident even
 * when nothing else about it (service, node) says so.
 */
public interface IncidentLinks {

    void link(String key, IncidentId incident);

    Optional<IncidentId> find(String key);
}
