package io.sitrep.integrations.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sitrep.incident.ChangeEvent;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.store.Announcement;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.incident.store.StoreUnavailableException;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.PipelineBase;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisMovedDataException;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Incidents in Redis through Jedis. One change is one Lua script on the incident's own keys:
 * compare the version, replace the record, append the timeline entries and the change event,
 * and queue what others are told of it in the incident's delivery lanes — all or nothing, in one
 * round trip. The global indexes are written after it and are only ever a cache of the records.
 */
public final class RedisIncidentStore implements IncidentStore {

    private static final Logger log = LoggerFactory.getLogger(RedisIncidentStore.class);

    /**
     * KEYS: incident hash, timeline stream, change events, then the delivery lanes the
     * announcement goes to. ARGV: expected version ("" = must not exist), new version, incident
     * JSON, change event JSON, the announcement's queue entry ("" = none), then one timeline entry
     * JSON per remaining argument.
     */
    private static final String WRITE_SCRIPT = """
            local current = redis.call('HGET', KEYS[1], 'version')
            if ARGV[1] == '' then
              if current then return 0 end
            elseif current ~= ARGV[1] then
              return 0
            end
            redis.call('HSET', KEYS[1], 'version', ARGV[2], 'json', ARGV[3])
            for i = 6, #ARGV do
              redis.call('XADD', KEYS[2], '*', 'entry', ARGV[i])
            end
            redis.call('XADD', KEYS[3], 'MAXLEN', '~', '1000', '*', 'change', ARGV[4])
            if ARGV[5] ~= '' then
              for k = 4, #KEYS do redis.call('RPUSH', KEYS[k], ARGV[5]) end
            end
            return 1
            """;
    private static final String WRITE_SCRIPT_SHA = sha1(WRITE_SCRIPT);
    /** How long a change waits for its replicas before it is refused as not acknowledged. */
    private static final java.time.Duration WAIT_FOR_REPLICAS = java.time.Duration.ofSeconds(2);
    /** KEYS: the id counter. ARGV: a floor. Raises the counter to the floor, never lowers it. */
    private static final String RAISE_COUNTER_SCRIPT = """
            local current = tonumber(redis.call('GET', KEYS[1]) or '0')
            if current < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1]) end
            return 1
            """;

    private final RedisConnection connection;
    private final UnifiedJedis jedis;
    private final RoundTripCounter counter;
    private final int waitReplicas;
    private final StoredIncidents stored;
    /** Incidents stored whose index entries could not be written yet, by id (the newest version kept). */
    private final java.util.Map<IncidentId, Incident> unindexed = new java.util.concurrent.ConcurrentHashMap<>();

    public RedisIncidentStore(RedisConnection connection) {
        this.connection = connection;
        this.jedis = connection.jedis();
        this.counter = connection.counter();
        this.waitReplicas = connection.waitReplicas();
        this.stored = new StoredIncidents(connection);
    }

    @Override
    public IncidentId allocateId() {
        return new IncidentId(RedisCalls.call(() -> jedis.incr(RedisKeys.ID_COUNTER)));
    }

    @Override
    public boolean create(Incident incident, List<TimelineEntry> entries, Announcement announcement) {
        if (!write(incident, "", entries, announcement)) {
            return false;
        }
        indexAfterWrite(incident);
        return true;
    }

    @Override
    public Optional<Incident> find(IncidentId id) {
        String json = RedisCalls.call(() -> jedis.hget(RedisKeys.incident(id), "json"));
        return Optional.ofNullable(stored.read(id, json));
    }

    @Override
    public boolean replace(Incident next, long expectedVersion, List<TimelineEntry> entries,
                           Announcement announcement) {
        if (!write(next, Long.toString(expectedVersion), entries, announcement)) {
            return false;
        }
        // Only a change of openness touches the open index: most commands stay at one round trip.
        if (!next.state().isOpen()) {
            indexAfterWrite(next);
        }
        return true;
    }

    @Override
    public List<Incident> findOpen() {
        mendIndexes();
        List<String> ids = new ArrayList<>(RedisCalls.call(() -> jedis.smembers(RedisKeys.OPEN)));
        List<Incident> open = new ArrayList<>();
        for (Incident incident : findAll(ids)) {
            if (incident.state().isOpen()) {
                open.add(incident);
            } else {
                // A write that closed it and died before its index update: mend the index now.
                RedisCalls.call(() -> jedis.srem(RedisKeys.OPEN, incident.id().toString()));
            }
        }
        open.sort(Comparator.comparing(Incident::id));
        return open;
    }

    @Override
    public Optional<IncidentId> findByChannel(String channel) {
        mendIndexes();
        String id = RedisCalls.call(() -> jedis.hget(RedisKeys.CHANNELS, channel));
        return Optional.ofNullable(id).flatMap(IncidentId::tryParse);
    }

    @Override
    public List<TimelineEntry> timeline(IncidentId id) {
        List<StreamEntry> raw = RedisCalls.call(() -> jedis.xrange(RedisKeys.timeline(id), "-", "+"));
        List<TimelineEntry> entries = new ArrayList<>(raw.size());
        for (StreamEntry entry : raw) {
            entries.add(IncidentJson.readEntry(entry.getFields().get("entry")));
        }
        // Stream order is recording order; backfilled entries take their place by when they happened.
        entries.sort(Comparator.comparing(TimelineEntry::at));
        return entries;
    }

    /**
     * The incident before a change is the one the previous event left, so it is not stored twice:
     * read here from the event before the range (none for the declaration, or for the first
     * change after an upgrade from a version that wrote no events).
     */
    @Override
    public List<ChangeEvent> changes(IncidentId id, String afterId, int max) {
        String key = RedisKeys.changes(id);
        String from = afterId == null ? "-" : "(" + afterId;
        List<StreamEntry> raw = RedisCalls.call(() -> jedis.xrange(key, from, "+", max));
        StoredChange before = null;
        if (!raw.isEmpty()) {
            String first = raw.get(0).getID().toString();
            List<StreamEntry> previous = RedisCalls.call(() -> jedis.xrevrange(key, "(" + first, "-", 1));
            before = previous.isEmpty() ? null : read(previous.get(0));
        }
        List<ChangeEvent> events = new ArrayList<>(raw.size());
        for (StreamEntry entry : raw) {
            StoredChange change = read(entry);
            ChangeEvent.Standing was = before != null && before.version() == change.version() - 1 ? before.after() : null;
            events.add(new ChangeEvent(entry.getID().toString(), change.version(), was, change.after(),
                    change.entries(), change.cause()));
            before = change;
        }
        return events;
    }

    private static StoredChange read(StreamEntry entry) {
        return IncidentJson.read(entry.getFields().get("change"), StoredChange.class);
    }

    /**
     * Recomputes the id counter, the open set and the channel index from the incident records.
     * Idempotent; run at start-up so that a crash between a write and its index update heals.
     *
     * @return how many incidents were found
     */
    @Override
    public List<Incident> findAll() {
        List<Incident> all = new ArrayList<>(findAll(RedisCalls.scanIncidentIds(connection, RedisKeys.ALL_INCIDENTS_PATTERN)));
        all.sort(Comparator.comparing(Incident::id));
        return all;
    }

    public int rebuildIndexes() {
        List<String> ids = RedisCalls.scanIncidentIds(connection, RedisKeys.ALL_INCIDENTS_PATTERN);

        Map<IncidentId, String> records = records(ids);
        List<Incident> incidents = stored.readAll(records);
        long highest = 0;
        for (Incident incident : incidents) {
            highest = Math.max(highest, incident.id().number());
            writeIndexes(incident);
        }
        int upgraded = stored.upgrade(records, incidents);
        if (upgraded > 0) {
            log.info("Stored the visibility of {} incidents written by an earlier release", upgraded);
        }
        String floor = Long.toString(highest);
        // Never move the counter back, even while another replica declares: ids are never reused.
        RedisCalls.call(() -> jedis.eval(RAISE_COUNTER_SCRIPT, List.of(RedisKeys.ID_COUNTER), List.of(floor)));
        log.info("Indexed {} incidents; highest id INC-{}", ids.size(), highest);
        return ids.size();
    }

    /** The stored form of a change event; the incident before it is the previous event's {@code after}. */
    record StoredChange(long version, ChangeEvent.Standing after, List<TimelineEntry> entries,
                        ChangeEvent.Cause cause) {
    }

    private boolean write(Incident incident, String expectedVersion, List<TimelineEntry> entries,
                          Announcement announcement) {
        List<String> keys = new ArrayList<>(List.of(RedisKeys.incident(incident.id()),
                RedisKeys.timeline(incident.id()), RedisKeys.changes(incident.id())));
        boolean announcing = announcement != null && !announcement.platforms().isEmpty();
        if (announcing) {
            announcement.platforms().forEach(platform -> keys.add(RedisKeys.outbox(incident.id(), platform)));
        }
        List<String> args = new ArrayList<>(5 + entries.size());
        args.add(expectedVersion);
        args.add(Long.toString(incident.version()));
        String json = IncidentJson.write(incident);
        args.add(json);
        args.add(IncidentJson.write(new StoredChange(incident.version(), ChangeEvent.Standing.of(incident), entries,
                ChangeEvent.Cause.of(entries))));
        args.add(announcing ? announcement.entry() : "");
        for (TimelineEntry entry : entries) {
            args.add(IncidentJson.write(entry));
        }
        if (waitReplicas > 0) {
            return writeAndWait(incident, keys, args);
        }
        Object result = RedisCalls.call(() -> {
            try {
                return jedis.evalsha(WRITE_SCRIPT_SHA, keys, args);
            } catch (JedisNoScriptException notCachedYet) {
                return jedis.eval(WRITE_SCRIPT, keys, args);
            }
        });
        return Long.valueOf(1L).equals(result);
    }

    /**
     * The write, then {@code WAIT} on the same connection (WAIT counts that connection's writes):
     * the change is acknowledged only once {@code waitReplicas} replicas have it, so a failover
     * that promotes one of them loses nothing that was acknowledged. A slot that moved (MOVED:
     * the script did not run) is tried once more on its new master.
     */
    private boolean writeAndWait(Incident incident, List<String> keys, List<String> args) {
        try {
            return writeAndWaitOnce(incident, keys, args);
        } catch (StoreUnavailableException e) {
            if (e.getCause() instanceof JedisMovedDataException) {
                return writeAndWaitOnce(incident, keys, args);
            }
            throw e;
        }
    }

    private boolean writeAndWaitOnce(Incident incident, List<String> keys, List<String> args) {
        try (Pipeline pipeline = connection.pipelineOn(keys.get(0))) {
            Response<Object> result = pipeline.eval(WRITE_SCRIPT, keys, args);
            Response<Long> copies = pipeline.waitReplicas(waitReplicas, WAIT_FOR_REPLICAS.toMillis());
            pipeline.sync();
            counter.countRoundTrip();
            boolean written = Long.valueOf(1L).equals(result.get());
            if (written && copies.get() < waitReplicas) {
                throw new StoreUnavailableException("the change to " + incident.id() + " reached the master but only "
                        + copies.get() + " of " + waitReplicas + " replica(s) within " + WAIT_FOR_REPLICAS.toSeconds()
                        + " s, so it is not acknowledged (a failover now could lose it)", null);
            }
            return written;
        } catch (JedisException e) {
            connection.noticeFailure(e);
            throw RedisCalls.unavailableOrRethrow(e);
        }
    }

    /**
     * After a stored change: its incident in the open set and its channel in the channel index.
     * The change stands whatever happens here (answering "failed" would make the caller repeat
     * a stored change); on a cluster those keys live on other masters, so an index write that
     * fails is kept and written again before the indexes are next read, and rebuilt at start.
     */
    private void indexAfterWrite(Incident incident) {
        try {
            writeIndexes(incident);
            unindexed.computeIfPresent(incident.id(), (id, pending) -> pending.version() <= incident.version() ? null : pending);
        } catch (StoreUnavailableException e) {
            unindexed.merge(incident.id(), incident, (kept, next) -> next.version() >= kept.version() ? next : kept);
            log.warn("{} is stored, but its index entries could not be written ({}); they are written again before "
                    + "the indexes are next read", incident.id(), e.getMessage());
        }
    }

    /** Index writes left over from {@link #indexAfterWrite}; one that still fails fails the read (503). */
    private void mendIndexes() {
        for (Incident pending : unindexed.values()) {
            writeIndexes(pending);
            unindexed.remove(pending.id(), pending);
        }
    }

    private void writeIndexes(Incident incident) {
        String id = incident.id().toString();
        List<Response<?>> answers = new ArrayList<>(2);
        try (PipelineBase pipeline = pipelined()) {
            answers.add(incident.state().isOpen() ? pipeline.sadd(RedisKeys.OPEN, id) : pipeline.srem(RedisKeys.OPEN, id));
            if (incident.channel() != null && !incident.channel().isBlank()) {
                answers.add(pipeline.hset(RedisKeys.CHANNELS, incident.channel(), id));
            }
            pipeline.sync();
            counter.countRoundTrip();
            answers.forEach(RedisCalls::answer);
        } catch (JedisException e) {
            throw RedisCalls.unavailableOrRethrow(e);
        }
    }

    private List<Incident> findAll(List<String> ids) {
        return stored.readAll(records(ids));
    }

    /** The stored JSON of each incident, by id, in the order given; null for one that is not there. */
    private Map<IncidentId, String> records(List<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<IncidentId, Response<String>> responses = new LinkedHashMap<>();
        try (PipelineBase pipeline = pipelined()) {
            for (String id : ids) {
                IncidentId.tryParse(id).ifPresent(parsed ->
                        responses.put(parsed, pipeline.hget(RedisKeys.incident(parsed), "json")));
            }
            pipeline.sync();
            counter.countRoundTrip();
        } catch (JedisException e) {
            throw RedisCalls.unavailableOrRethrow(e);
        }
        Map<IncidentId, String> records = new LinkedHashMap<>();
        responses.forEach((id, response) -> records.put(id, RedisCalls.answer(response)));
        return records;
    }

    private PipelineBase pipelined() {
        return jedis.pipelined();
    }

    private static String sha1(String script) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
