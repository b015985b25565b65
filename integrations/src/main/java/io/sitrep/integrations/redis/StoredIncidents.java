package io.sitrep.integrations.redis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.Visibility;
import redis.clients.jedis.PipelineBase;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Incident records as read from Redis, including those written before incidents carried their
 * visibility: for those it is read from the declaration, the first entry of the timeline (a
 * second round trip, for such records only). {@link #upgrade} stores the field into them once,
 * so that afterwards only a record rewritten by a replica of the previous release needs it.
 */
final class StoredIncidents {

    /** KEYS: incident hash. ARGV: version read, JSON with the field. Written only if nothing changed it since. */
    private static final String UPGRADE_SCRIPT = """
            if redis.call('HGET', KEYS[1], 'version') ~= ARGV[1] then return 0 end
            redis.call('HSET', KEYS[1], 'json', ARGV[2])
            return 1
            """;

    private final UnifiedJedis jedis;
    private final RoundTripCounter counter;

    StoredIncidents(RedisConnection connection) {
        this.jedis = connection.jedis();
        this.counter = connection.counter();
    }

    /** One record, from its stored JSON (null: none). */
    Incident read(IncidentId id, String json) {
        if (json == null) {
            return null;
        }
        return readAll(new LinkedHashMap<>(Map.of(id, json))).get(0);
    }

    /** Records by id from their stored JSON (null values skipped), in the order given. */
    List<Incident> readAll(Map<IncidentId, String> jsonById) {
        Map<IncidentId, String> legacy = new LinkedHashMap<>();
        jsonById.forEach((id, json) -> {
            if (json != null && IncidentJson.lacksVisibility(json)) {
                legacy.put(id, json);
            }
        });
        Map<IncidentId, Visibility> declared = legacy.isEmpty() ? Map.of() : declaredVisibility(legacy.keySet());
        List<Incident> incidents = new ArrayList<>(jsonById.size());
        jsonById.forEach((id, json) -> {
            if (json != null) {
                incidents.add(legacy.containsKey(id) ? IncidentJson.readIncident(json, declared.get(id))
                        : IncidentJson.readIncident(json));
            }
        });
        return incidents;
    }

    /**
     * Writes the visibility into each record that lacks it, unless the record changed since it
     * was read (that change wrote the field already). Idempotent: replicas starting together may
     * both do it.
     *
     * @return how many records were upgraded
     */
    int upgrade(Map<IncidentId, String> jsonById, List<Incident> read) {
        int upgraded = 0;
        for (Incident incident : read) {
            String json = jsonById.get(incident.id());
            if (json != null && IncidentJson.lacksVisibility(json)) {
                String key = RedisKeys.incident(incident.id());
                Object done = RedisCalls.call(() -> jedis.eval(UPGRADE_SCRIPT, List.of(key),
                        List.of(Long.toString(incident.version()), IncidentJson.write(incident))));
                upgraded += Long.valueOf(1L).equals(done) ? 1 : 0;
            }
        }
        return upgraded;
    }

    /** A timeline from its stream, oldest first by when each entry happened. */
    static List<TimelineEntry> timeline(List<StreamEntry> raw) {
        List<TimelineEntry> entries = new ArrayList<>(raw.size());
        for (StreamEntry entry : raw) {
            entries.add(IncidentJson.readEntry(entry.getFields().get("entry")));
        }
        // Stream order is recording order; backfilled entries take their place by when they happened.
        entries.sort(java.util.Comparator.comparing(TimelineEntry::at));
        return entries;
    }

    private Map<IncidentId, Visibility> declaredVisibility(Iterable<IncidentId> ids) {
        Map<IncidentId, Response<List<StreamEntry>>> firsts = new LinkedHashMap<>();
        try (PipelineBase pipeline = jedis.pipelined()) {
            for (IncidentId id : ids) {
                // The declaration is the first entry ever appended: create writes it.
                firsts.put(id, pipeline.xrange(RedisKeys.timeline(id), "-", "+", 1));
            }
            pipeline.sync();
            counter.countRoundTrip();
        } catch (JedisException e) {
            throw RedisCalls.unavailableOrRethrow(e);
        }
        Map<IncidentId, Visibility> declared = new LinkedHashMap<>();
        firsts.forEach((id, answer) -> {
            List<StreamEntry> first = RedisCalls.answer(answer);
            TimelineEntry declaration = first.isEmpty() ? null
                    : IncidentJson.readEntry(first.get(0).getFields().get("entry"));
            declared.put(id, Visibility.declaredIn(declaration));
        });
        return declared;
    }
}
