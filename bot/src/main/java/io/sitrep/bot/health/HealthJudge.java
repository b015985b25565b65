package io.sitrep.bot.health;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.sitrep.integrations.health.HealthSource;
import io.sitrep.integrations.health.HealthState;
import io.sitrep.integrations.health.Observation;
import io.sitrep.integrations.health.SourceReport;
import io.sitrep.integrations.health.SourceStatus;
import io.sitrep.integrations.health.Target;
import io.sitrep.integrations.health.TargetStatus;

/**
 * What confirms: the lease holder's working copy of every target's status. A new state counts
 * after {@code consecutive} results in a row; a confirmed change is returned once. It also keeps
 * track of what the health board already has, so only what changed is written there.
 *
 * <p>Not thread-safe: the watch uses it from its one results thread.
 */
final class HealthJudge {

    /** What the board lacks: target statuses to write and remove, and every source's status. */
    record Unpublished(List<TargetStatus> changed, List<String> removed, List<SourceStatus> sources) {
    }

    private final int consecutive;
    private final Map<String, TargetStatus> statuses = new LinkedHashMap<>();
    private final Map<String, TargetStatus> published = new HashMap<>();
    private final Map<String, SourceStatus> sources = new LinkedHashMap<>();

    HealthJudge(int consecutive) {
        this.consecutive = consecutive;
    }

    /**
     * Starts from what the board has (a restart, or taking the lease over from another replica),
     * so states keep their {@code since} and nothing is announced twice. Entries of targets no
     * source lists any more are dropped; listed targets the board lacks start unpolled.
     */
    void load(Map<String, TargetStatus> board, Map<String, SourceStatus> boardSources, List<HealthSource> watched,
              Instant now) {
        statuses.clear();
        published.clear();
        sources.clear();
        published.putAll(board);
        Map<String, HealthSource> byName = new HashMap<>();
        watched.forEach(source -> byName.put(source.name(), source));
        Set<String> listed = new HashSet<>();
        for (HealthSource source : watched) {
            for (Target target : source.targets()) {
                listed.add(target.name());
                TargetStatus known = board.get(target.name());
                statuses.put(target.name(), known != null && known.source().equals(source.name()) ? known
                        : TargetStatus.unpolled(target, source.name(), now));
            }
        }
        board.forEach((name, status) -> {
            HealthSource source = byName.get(status.source());
            // A discovering source (the cluster) will say itself whether it still has the target.
            if (!listed.contains(name) && source != null && source.discovers()) {
                statuses.put(name, status);
            }
        });
        boardSources.forEach((name, status) -> {
            if (byName.containsKey(name)) {
                sources.put(name, status);
            }
        });
    }

    /**
     * Judges one round of reports.
     *
     * @param complete whether each report covers all of its source's targets (a poll, not a recheck):
     *                 only then may a discovering source's missing targets be forgotten
     * @return the confirmed changes
     */
    List<HealthChange> judge(Map<HealthSource, SourceReport> reports, Instant now, boolean complete) {
        List<HealthChange> changes = new ArrayList<>();
        reports.forEach((source, report) -> {
            noteSource(source, report, now);
            if (complete && source.discovers() && report.answered()) {
                forgetVanished(source, report);
            }
            for (Observation observation : report.observations()) {
                observe(source.name(), observation, now).ifPresent(changes::add);
            }
        });
        return changes;
    }

    /** The targets seen in a new state that is not confirmed yet, by source: worth asking again at once. */
    Map<HealthSource, List<Target>> pending(List<HealthSource> watched) {
        Map<HealthSource, List<Target>> pending = new LinkedHashMap<>();
        for (HealthSource source : watched) {
            List<Target> targets = statuses.values().stream()
                    .filter(s -> s.pending() != null && s.source().equals(source.name()))
                    .map(TargetStatus::target).toList();
            if (!targets.isEmpty()) {
                pending.put(source, targets);
            }
        }
        return pending;
    }

    Unpublished unpublished() {
        List<TargetStatus> changed = statuses.values().stream()
                .filter(s -> s.differsFrom(published.get(s.target().name()))).toList();
        List<String> removed = published.keySet().stream().filter(name -> !statuses.containsKey(name)).sorted().toList();
        return new Unpublished(changed, removed, List.copyOf(sources.values()));
    }

    void published(Unpublished written) {
        written.changed().forEach(s -> published.put(s.target().name(), s));
        written.removed().forEach(published::remove);
    }

    private void noteSource(HealthSource source, SourceReport report, Instant now) {
        SourceStatus before = sources.get(source.name());
        Instant troubleSince = report.answered() ? null
                : before != null && !before.answered() ? before.troubleSince() : now;
        sources.put(source.name(), new SourceStatus(source.name(), report.trouble(), troubleSince, now));
    }

    /**
     * A discovering source (the cluster) that answered no longer lists some targets (a deleted
     * node): they are no longer watched, so they can't hold an incident's resolution back forever.
     */
    private void forgetVanished(HealthSource source, SourceReport report) {
        Set<String> reported = new HashSet<>();
        report.observations().forEach(o -> reported.add(o.target().name()));
        statuses.values().removeIf(s -> s.source().equals(source.name()) && !reported.contains(s.target().name()));
    }

    private Optional<HealthChange> observe(String source, Observation observation, Instant now) {
        TargetStatus before = statuses.getOrDefault(observation.target().name(),
                TargetStatus.unpolled(observation.target(), source, now));
        TargetStatus after = before.polled() ? before.observe(observation, now, consecutive)
                : TargetStatus.first(source, observation, now);
        statuses.put(observation.target().name(), after);
        if (after.state() == before.state()) {
            return Optional.empty();
        }
        // Coming up healthy at start-up is not news; coming back from UNKNOWN later is.
        if (!before.polled() && after.state() == HealthState.HEALTHY) {
            return Optional.empty();
        }
        return Optional.of(new HealthChange(observation.target(), before.state(), after.state(), after.reason(), now));
    }
}
