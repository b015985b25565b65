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

    /** The targets this source reports on, known before any poll. */
    List<Target> targets();

    CompletableFuture<List<Observation>> poll();
}
