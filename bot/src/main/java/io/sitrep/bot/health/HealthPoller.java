package io.sitrep.bot.health;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.sitrep.integrations.health.FailureWords;
import io.sitrep.integrations.health.HealthSource;
import io.sitrep.integrations.health.SourceReport;
import io.sitrep.integrations.health.Target;

/**
 * What polls: asks sources at once, each under its own deadline. A source that fails or does
 * not answer in time comes back as not answering, in words, with its targets UNKNOWN — it never
 * holds up the others or the watch.
 */
final class HealthPoller {

    /** Beyond the probe timeout, what a source gets before it counts as not answering. */
    static final Duration GRACE = Duration.ofSeconds(1);

    private final Duration deadline;

    HealthPoller(Duration probeTimeout) {
        this.deadline = probeTimeout.plus(GRACE);
    }

    /** Every source, every target. */
    CompletableFuture<Map<HealthSource, SourceReport>> pollAll(List<HealthSource> sources) {
        Map<HealthSource, CompletableFuture<SourceReport>> asked = new LinkedHashMap<>();
        for (HealthSource source : sources) {
            asked.put(source, bounded(source, source.targets(), HealthSource::poll));
        }
        return gather(asked);
    }

    /** Only these targets of these sources, again, at once. */
    CompletableFuture<Map<HealthSource, SourceReport>> recheck(Map<HealthSource, List<Target>> targets) {
        Map<HealthSource, CompletableFuture<SourceReport>> asked = new LinkedHashMap<>();
        targets.forEach((source, some) -> asked.put(source, bounded(source, some, s -> s.recheck(some))));
        return gather(asked);
    }

    private CompletableFuture<SourceReport> bounded(HealthSource source, Collection<Target> targets,
                                                    Function<HealthSource, CompletableFuture<SourceReport>> ask) {
        CompletableFuture<SourceReport> asking;
        try {
            asking = ask.apply(source);
        } catch (RuntimeException e) {
            asking = CompletableFuture.failedFuture(e);
        }
        return asking.orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(failure -> SourceReport.notAnswering(targets,
                        source.name() + ": " + FailureWords.describe(failure, deadline)));
    }

    private static CompletableFuture<Map<HealthSource, SourceReport>> gather(
            Map<HealthSource, CompletableFuture<SourceReport>> asked) {
        return CompletableFuture.allOf(asked.values().toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<HealthSource, SourceReport> reports = new LinkedHashMap<>();
            asked.forEach((source, report) -> reports.put(source, report.join()));
            return reports;
        });
    }
}
