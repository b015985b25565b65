package io.sitrep.integrations.health;

import java.util.Collection;
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

    /** One look at every target. */
    CompletableFuture<SourceReport> poll();

    /**
     * Asks again about these targets only, at once: how a change seen once is confirmed without
     * waiting a whole interval. Sources that ask per target override it to ask only those.
     */
    default CompletableFuture<SourceReport> recheck(Collection<Target> targets) {
        return poll().thenApply(report -> report.only(targets));
    }
}
