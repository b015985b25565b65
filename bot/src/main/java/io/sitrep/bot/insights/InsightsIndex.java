package io.sitrep.bot.insights;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.redis.RedisIncidentSummaries;

/**
 * Keeps each incident's {@link IncidentSummary} in step with the incident: a write that can move
 * a figure (its state, severity, service, times, updates, pages, postmortem) marks the incident,
 * and once a second — or at once before this replica reads the figures — each marked incident's
 * timeline is read once and its summary written. A burst of changes to one incident costs one
 * summary, and no write waits for it. Notes and roles move none and cost nothing. Like the
 * reminder queue it is an index: a summary a crash left stale is written again by the
 * incident's next change, and a missing hash is rebuilt from the incidents at start-up.
 */
public final class InsightsIndex implements IncidentWriter.WriteListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InsightsIndex.class);
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final IncidentStore store;
    private final RedisIncidentSummaries summaries;
    private final Summariser summariser;
    private volatile Runnable onChange = () -> { };
    private final java.util.Set<io.sitrep.incident.IncidentId> marked = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.ScheduledExecutorService flusher;

    public InsightsIndex(IncidentStore store, RedisIncidentSummaries summaries, Summariser summariser) {
        this.store = store;
        this.summaries = summaries;
        this.summariser = summariser;
        this.flusher = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "insights-index");
            thread.setDaemon(true);
            return thread;
        });
        flusher.scheduleWithFixedDelay(this::flush, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Writes the summary of every incident marked since the last flush; before a read, so a replica's own changes show. */
    public synchronized void flush() {
        if (marked.isEmpty()) {
            return;
        }
        boolean wrote = false;
        for (io.sitrep.incident.IncidentId id : List.copyOf(marked)) {
            marked.remove(id);
            try {
                store.find(id).ifPresent(incident ->
                        summaries.put(id, write(summariser.summarise(incident, store.timeline(id)))));
                wrote = true;
            } catch (RuntimeException e) {
                // The change is stored; its next change, or a rebuild, writes the summary again.
                log.warn("The insights summary of {} was not updated: {}", id, e.getMessage());
            }
        }
        if (wrote) {
            onChange.run();
        }
    }

    @Override
    public void close() {
        flusher.shutdownNow();
        flush();
    }

    /** Told after each summary this replica writes: its own changes need not wait out a cache. */
    void onChange(Runnable listener) {
        this.onChange = listener;
    }

    @Override
    public void written(Incident before, Incident after) {
        if (before != null && !movesAFigure(before, after)) {
            return;
        }
        marked.add(after.id());
        onChange.run(); // the next read flushes first, so this replica's own change shows at once
    }

    /** Summarises every stored incident again when the hash is missing or lacks some; run at start-up. */
    public int rebuildIfMissing() {
        List<Incident> incidents = store.findAll();
        if (summaries.size() >= incidents.size()) {
            return 0;
        }
        Map<String, String> batch = new LinkedHashMap<>();
        for (Incident incident : incidents) {
            batch.put(incident.id().toString(), write(summariser.summarise(incident, store.timeline(incident.id()))));
            if (batch.size() == 500) {
                summaries.putAll(batch);
                batch.clear();
                onChange.run();
            }
        }
        summaries.putAll(batch);
        onChange.run();
        log.info("Insights: summarised {} incidents", incidents.size());
        return incidents.size();
    }

    /** What changed after a revision, read: every summary ({@code whole}) or only those, by incident id. */
    record Changes(long revision, boolean whole, Map<String, IncidentSummary> byId) {
    }

    /** The summaries written after {@code revision} (0: all); one unreadable (from a newer release, say) is left out. */
    Changes changedSince(long revision) {
        flush();
        RedisIncidentSummaries.Changes changes = summaries.changedSince(revision);
        Map<String, IncidentSummary> byId = new LinkedHashMap<>();
        changes.jsonById().forEach((id, json) -> {
            try {
                byId.put(id, JSON.readValue(json, IncidentSummary.class));
            } catch (JsonProcessingException e) {
                log.debug("Insights summary of {} unreadable: {}", id, e.getMessage());
            }
        });
        return new Changes(changes.revision(), changes.whole(), byId);
    }

    private static boolean movesAFigure(Incident before, Incident after) {
        return before.state() != after.state() || before.severity() != after.severity()
                || !Objects.equals(before.service(), after.service())
                || !Objects.equals(before.detectedAt(), after.detectedAt())
                || !Objects.equals(before.startedAt(), after.startedAt())
                || !Objects.equals(before.lastUpdateAt(), after.lastUpdateAt())
                || !Objects.equals(before.nextUpdateDueAt(), after.nextUpdateDueAt())
                || !before.postmortem().equals(after.postmortem()) || !before.paging().equals(after.paging());
    }

    private static String write(IncidentSummary summary) {
        try {
            return JSON.writeValueAsString(summary);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
