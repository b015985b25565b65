package io.sitrep.integrations.health;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A place health comes from: HTTP probes, the Kubernetes API, Prometheus. A poll answers
 * asynchronously, so the watch can give up on a source that hangs without hanging itself.
 */
public interface HealthSource {

    /** For logs and {@code /actuator/health}: {@code http-probes}, {@code kubernetes}. */
    String name();

    /** The targets this source reports on, as far as known before the next poll. */
    List<Target> targets();

    /** Whether it finds its targets as it polls (cluster nodes), so none known yet is no reason to skip it. */
    default boolean discovers() {
        return false;
    }

    CompletableFuture<List<Observation>> poll();
}
