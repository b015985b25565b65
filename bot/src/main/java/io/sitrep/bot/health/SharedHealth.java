package io.sitrep.bot.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.sitrep.bot.text.Times;
import io.sitrep.config.HealthSettings;
import io.sitrep.incident.Incident;
import io.sitrep.integrations.health.HealthBoard;
import io.sitrep.integrations.health.HealthState;
import io.sitrep.integrations.health.SourceStatus;
import io.sitrep.integrations.health.TargetStatus;

/**
 * What answers questions: target health as the health board has it, the same on every replica
 * whether or not it holds the health-watch lease. A picture nobody has refreshed for longer
 * than a lease handover can take (every replica stopped polling) is shown as UNKNOWN, saying
 * when it was last checked, rather than trusted.
 */
public final class SharedHealth implements HealthView {

    private final HealthBoard board;
    private final Duration stableFor;
    private final Duration staleAfter;
    private final Clock clock;
    private final List<String> sourceNames;

    /** @param sourceNames the sources this replica's configuration watches */
    public SharedHealth(HealthBoard board, HealthSettings settings, Clock clock, List<String> sourceNames) {
        this.board = board;
        this.sourceNames = List.copyOf(sourceNames);
        this.stableFor = settings.stableFor();
        this.staleAfter = HealthWatch.leaseTtl(settings).plus(HealthWatch.longestRound(settings));
        this.clock = clock;
    }

    @Override
    public List<TargetStatus> statuses() {
        Map<String, SourceStatus> sources = board.sources();
        Instant now = clock.instant();
        List<TargetStatus> all = new ArrayList<>();
        for (TargetStatus status : board.targets().values()) {
            SourceStatus source = sources.get(status.source());
            boolean stale = source != null && source.checkedAt().plus(staleAfter).isBefore(now);
            all.add(stale ? new TargetStatus(status.target(), status.source(), HealthState.UNKNOWN,
                    "not checked since " + Times.format(source.checkedAt()) + " (no Sitrep replica is polling "
                            + status.source() + "; it was " + status.state() + ")", source.checkedAt(), null, 0)
                    : status);
        }
        all.sort(Comparator.comparing(s -> s.target().name()));
        return all;
    }

    @Override
    public Duration stableFor() {
        return stableFor;
    }

    /** The lifecycle's health guard: the incident's targets HEALTHY for {@code stable-for}. */
    @Override
    public Optional<String> unsettled(Incident incident) {
        List<TargetStatus> unstable = notStable(incident, clock.instant());
        if (unstable.isEmpty()) {
            return Optional.empty();
        }
        String targets = unstable.stream().map(s -> s.target().name() + " is " + s.state() + " since "
                + Times.format(s.since())).collect(Collectors.joining("; "));
        return Optional.of(targets + "; its targets must be HEALTHY for " + Times.duration(stableFor)
                + " first (override with --force <reason>)");
    }

    @Override
    public Map<String, String> sourceReachability() {
        Map<String, SourceStatus> recorded = board.sources();
        Map<String, String> all = new TreeMap<>();
        sourceNames.forEach(name -> all.put(name, Optional.ofNullable(recorded.get(name)).map(SourceStatus::describe)
                .orElse("not polled yet")));
        return all;
    }
}
