package io.sitrep.bot.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sitrep.bot.notice.Notices;
import io.sitrep.bot.notice.TriageDeclarer;
import io.sitrep.config.HealthSettings;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentChange;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.store.IncidentLinks;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.incident.store.LeaderLease;
import io.sitrep.integrations.health.HealthSource;
import io.sitrep.integrations.health.HealthState;
import io.sitrep.integrations.health.Observation;
import io.sitrep.integrations.health.Target;

/**
 * Polls every health source each interval and turns confirmed changes into incident facts: a
 * timeline entry and a channel post on every open incident whose service or nodes cover the
 * target, and, for a DOWN target no open incident covers, a new TRIAGE incident. Each source
 * answers on its own threads under its own deadline, so a hanging source or target costs one
 * deadline and never stalls the watch — the failure the founding incident's probe had.
 */
public final class HealthWatch implements HealthView, AutoCloseable {

    public static final String SOURCE = "health";
    private static final Logger log = LoggerFactory.getLogger(HealthWatch.class);
    /** Beyond the probe timeout, what a source gets before it counts as not answering. */
    private static final Duration GRACE = Duration.ofSeconds(1);

    private final List<HealthSource> sources;
    private final HealthSettings settings;
    private final Clock clock;
    private final IncidentStore store;
    private final IncidentWriter writer;
    private final Notices notices;
    private final TriageDeclarer triage;
    private final IncidentLinks links;
    private final LeaderLease lease;
    private final String holder = java.util.UUID.randomUUID().toString();
    private final Map<String, TargetStatus> statuses = new ConcurrentHashMap<>();
    private final Map<String, String> reachability = new ConcurrentHashMap<>();
    /** For discovering sources: the targets each reported last time. */
    private final Map<String, java.util.Set<String>> reportedBy = new ConcurrentHashMap<>();
    private final java.util.concurrent.ExecutorService results = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "health-results");
        thread.setDaemon(true);
        return thread;
    });
    private ScheduledExecutorService timer;

    public HealthWatch(List<HealthSource> sources, HealthSettings settings, Clock clock, IncidentStore store,
                       IncidentWriter writer, Notices notices, TriageDeclarer triage, IncidentLinks links,
                       LeaderLease lease) {
        this.sources = List.copyOf(sources);
        this.settings = settings;
        this.clock = clock;
        this.store = store;
        this.writer = writer;
        this.notices = notices;
        this.triage = triage;
        this.links = links;
        this.lease = lease;
        Instant now = clock.instant();
        for (HealthSource source : sources) {
            for (Target target : source.targets()) {
                statuses.put(target.name(), TargetStatus.unpolled(target, now));
            }
        }
    }

    public synchronized void start() {
        if (timer != null || sources.isEmpty()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "health-watch");
            thread.setDaemon(true);
            return thread;
        });
        // At a fixed rate, not a fixed delay: a hanging target must not stretch the interval
        // (a poll takes at most the probe timeout plus grace, well under the interval).
        // The timer thread only starts polls; it never waits for a source.
        timer.scheduleAtFixedRate(this::tick, 0, settings.interval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * One interval's work, on the replica that holds the health-watch lease only: with several
     * Sitrep instances on one Redis, each change is recorded (and each TRIAGE incident opened)
     * once. The lease outlives three intervals, so a replica that stops is replaced within them.
     *
     * @return whether this replica polled
     */
    public boolean tick() {
        try {
            if (!lease.holdOrTake("health-watch", holder, settings.interval().multipliedBy(3))) {
                return false;
            }
        } catch (RuntimeException e) {
            log.warn("Could not check the health-watch lease; skipping this interval: {}", e.getMessage());
            return false;
        }
        poll().exceptionally(failure -> {
            log.warn("Health poll failed; trying again next interval: {}", failure.getMessage());
            return List.of();
        });
        return true;
    }

    /** One poll of every source; returns the changes it confirmed, already recorded. */
    public List<HealthChange> pollOnce() {
        return poll().join();
    }

    /**
     * Starts one poll of every source and returns at once; the results are judged and recorded
     * on the watch's own results thread when they are all in (or their deadlines passed).
     */
    public CompletableFuture<List<HealthChange>> poll() {
        Map<HealthSource, CompletableFuture<List<Observation>>> polls = new LinkedHashMap<>();
        long deadline = settings.probeTimeout().plus(GRACE).toMillis();
        for (HealthSource source : sources) {
            CompletableFuture<List<Observation>> poll;
            try {
                poll = source.poll();
            } catch (RuntimeException e) {
                poll = CompletableFuture.failedFuture(e);
            }
            polls.put(source, poll.orTimeout(deadline, TimeUnit.MILLISECONDS)
                    .thenApply(observations -> {
                        reachability.put(source.name(), "answered at " + clock.instant());
                        return observations;
                    })
                    .exceptionally(failure -> {
                        List<Observation> unknown = silent(source, failure);
                        reachability.put(source.name(), unknown.isEmpty() ? "failed" : unknown.get(0).reason());
                        return unknown;
                    }));
        }
        return CompletableFuture.allOf(polls.values().toArray(CompletableFuture[]::new))
                .thenApplyAsync(done -> {
                    forgetVanished(polls);
                    return judge(polls.values());
                }, results);
    }

    /**
     * A discovering source (the cluster) that answered no longer lists some targets (a deleted
     * node): they are no longer watched, so they can't hold an incident's resolution back forever.
     */
    private void forgetVanished(Map<HealthSource, CompletableFuture<List<Observation>>> polls) {
        polls.forEach((source, poll) -> {
            if (!source.discovers() || !reachability.getOrDefault(source.name(), "").startsWith("answered")) {
                return;
            }
            java.util.Set<String> reported = new java.util.HashSet<>();
            poll.join().forEach(o -> reported.add(o.target().name()));
            for (String before : reportedBy.getOrDefault(source.name(), java.util.Set.of())) {
                if (!reported.contains(before)) {
                    statuses.remove(before);
                    log.info("Health: {} is no longer reported by {}; no longer watched", before, source.name());
                }
            }
            reportedBy.put(source.name(), reported);
        });
    }

    /** On the results thread only, so statuses change in one order. */
    private List<HealthChange> judge(java.util.Collection<CompletableFuture<List<Observation>>> polls) {
        Instant now = clock.instant();
        List<HealthChange> changes = new ArrayList<>();
        for (CompletableFuture<List<Observation>> poll : polls) {
            for (Observation observation : poll.join()) {
                observe(observation, now).ifPresent(changes::add);
            }
        }
        for (HealthChange change : changes) {
            try {
                record(change);
            } catch (RuntimeException e) {
                log.warn("Could not record {}: {}", change.text(), e.getMessage());
            }
        }
        return changes;
    }

    /** A source that failed or did not answer in time: its targets are UNKNOWN, saying why. */
    private static List<Observation> silent(HealthSource source, Throwable failure) {
        String why = failure instanceof java.util.concurrent.TimeoutException
                || failure.getCause() instanceof java.util.concurrent.TimeoutException
                ? source.name() + " did not answer in time" : source.name() + " failed: " + failure.getMessage();
        return source.targets().stream().map(t -> new Observation(t, HealthState.UNKNOWN, why)).toList();
    }

    private Optional<HealthChange> observe(Observation observation, Instant now) {
        TargetStatus before = statuses.getOrDefault(observation.target().name(),
                TargetStatus.unpolled(observation.target(), now));
        // The first result is taken as it is: there is nothing yet for it to flap against.
        TargetStatus after = before.polled() ? before.observe(observation, now, settings.consecutive())
                : TargetStatus.first(observation, now);
        statuses.put(observation.target().name(), after);
        if (after.state() == before.state()) {
            return Optional.empty();
        }
        // Coming up healthy at start-up is not news.
        if (before.state() == HealthState.UNKNOWN && after.state() == HealthState.HEALTHY) {
            return Optional.empty();
        }
        return Optional.of(new HealthChange(observation.target(), before.state(), after.state(), after.reason(), now));
    }

    private void record(HealthChange change) {
        log.info("Health: {}", change.text());
        Optional<IncidentId> opened = links.find("health:" + change.target().name());
        List<Incident> covering = store.findOpen().stream()
                .filter(i -> HealthView.covers(i, change.target()) || opened.map(i.id()::equals).orElse(false))
                .toList();
        for (Incident incident : covering) {
            TimelineEntry entry = new TimelineEntry(change.at(), change.at(), TimelineKind.HEALTH_CHANGED, "sitrep",
                    SOURCE, change.text(), healthData(change));
            writer.update(incident.id(), current -> Optional.of(new IncidentChange(current.toBuilder().build(), entry)));
            notices.post(SOURCE, incident, "🩺 " + change.text(), List.of(), false);
        }
        if (covering.isEmpty() && change.to() == HealthState.DOWN && settings.autoDeclare()) {
            declare(change);
        }
    }

    /** A TRIAGE incident for a DOWN target nobody is working on yet. */
    private void declare(HealthChange change) {
        Target target = change.target();
        Incident incident = triage.declare(SOURCE, target.name() + " is DOWN: " + change.reason(), target.service(),
                target.node(), healthData(change), change.at());
        // Covers its target even when the target names no service or node.
        links.link("health:" + target.name(), incident.id());
        log.info("{} declared in {} for {}", incident.id(), incident.state(), change.text());
    }

    private static Map<String, Object> healthData(HealthChange change) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("target", change.target().name());
        if (change.target().service() != null) {
            data.put("service", change.target().service());
        }
        if (change.target().node() != null) {
            data.put("node", change.target().node());
        }
        data.put("from", change.from().name());
        data.put("to", change.to().name());
        data.put("reason", change.reason());
        return data;
    }

    @Override
    public List<TargetStatus> statuses() {
        List<TargetStatus> all = new ArrayList<>(statuses.values());
        all.sort(Comparator.comparing(s -> s.target().name()));
        return all;
    }

    /** Each source and how its last poll went, for {@code /actuator/health}. */
    public Map<String, String> sourceReachability() {
        Map<String, String> all = new java.util.TreeMap<>();
        sources.forEach(source -> all.put(source.name(), reachability.getOrDefault(source.name(), "not polled yet")));
        return all;
    }

    @Override
    public Duration stableFor() {
        return settings.stableFor();
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
        results.shutdownNow();
    }
}
