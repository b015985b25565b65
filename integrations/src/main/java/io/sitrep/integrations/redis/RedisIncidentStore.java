package io.sitrep.integrations.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.store.Announcement;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.incident.store.PublicIncidentIndex;
import io.sitrep.incident.store.StoreUnavailableException;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.PipelineBase;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisMovedDataException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * Incidents in Redis through Jedis. One change is one Lua script on the incident's own keys:
 * compare the version, replace the record, append the timeline entries, and queue what others
 * are told of it in the incident's delivery lanes (and, where one server holds every key, mark
 * those lanes due and set the incident's reminder time) — all or nothing, in one round trip. The
 * global indexes (open set, channels, the public incidents) are written after it and are only
 * ever a cache of the records.
 */
public final class RedisIncidentStore implements IncidentStore, PublicIncidentIndex {

    private static final Logger log = LoggerFactory.getLogger(RedisIncidentStore.class);

    /**
     * KEYS: incident hash, timeline stream, then — when ARGV[5] is not empty — the public index's
     * three keys, then — when ARGV[7] is not empty — the reminder queue's two keys, then the
     * delivery lanes the announcement goes to, then — when ARGV[6] is not empty — the keys that
     * mark those lanes due ({@link RedisDeliveryQueue#DUE_FUNCTION}). ARGV: expected version
     * ("" = must not exist), new version, incident JSON, the announcement's queue entry ("" =
     * none), the public index's part ("" = none, "0" = a new revision if indexed, "1" = index
     * it), when the lanes are due ("" = not marked here), the incident's reminder due time ("" =
     * not written here, "-" = none, else epoch millis; see
     * {@link RedisReminderQueue#SCHEDULE_FUNCTION}), then one timeline entry JSON per remaining
     * argument. Returns 0 when another writer got there first, else 1 — or, with an index part,
     * {1, the revision given}.
     */
    private static final String WRITE_SCRIPT = RedisPublicIndex.INDEX_FUNCTION + RedisDeliveryQueue.DUE_FUNCTION
            + RedisReminderQueue.SCHEDULE_FUNCTION + """
            local current = redis.call('HGET', KEYS[1], 'version')
            if ARGV[1] == '' then
              if current then return 0 end
            elseif current ~= ARGV[1] then
              return 0
            end
            redis.call('HSET', KEYS[1], 'version', ARGV[2], 'json', ARGV[3])
            for i = 8, #ARGV do
              redis.call('XADD', KEYS[2], '*', 'entry', ARGV[i])
            end
            local lanes = 3
            local revision = nil
            local id = string.match(KEYS[1], '{(.-)}')
            if ARGV[5] ~= '' then
              revision = index_incident(KEYS[lanes], KEYS[lanes + 1], KEYS[lanes + 2], id, ARGV[2], ARGV[5])
              lanes = lanes + 3
            end
            if ARGV[7] ~= '' then
              schedule_reminder(KEYS[lanes], KEYS[lanes + 1], id, ARGV[7] == '-' and '' or ARGV[7], ARGV[2])
              lanes = lanes + 2
            end
            if ARGV[4] ~= '' then
              local count = #KEYS - lanes + 1
              if ARGV[6] ~= '' then count = (count - 2) / 3 end
              local names = {}
              for k = lanes, lanes + count - 1 do
                redis.call('RPUSH', KEYS[k], ARGV[4])
                table.insert(names, id .. '/' .. string.match(KEYS[k], ':outbox:(.*)$'))
              end
              if ARGV[6] ~= '' then mark_due(lanes + count, names, ARGV[6]) end
            end
            if revision then return {1, revision} end
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
    private final RedisPublicIndex publicIndex;
    /** Only the start-up rebuild asks the time: which finished incidents are too old for the status page. */
    private final Clock clock;
    /** Each incident's reminder due time, written with its changes (null: by the reminder indexer after them). */
    private volatile Function<Incident, Instant> reminderTimes;
    /** Incidents stored whose index entries could not be written yet, by id (the newest version kept). */
    private final Map<IncidentId, Unindexed> unindexed = new java.util.concurrent.ConcurrentHashMap<>();

    /** An index write still owed: the newest version, and the most it must do to the public index. */
    private record Unindexed(Incident incident, boolean openness, RedisPublicIndex.Change publicChange) {

        Unindexed merge(Unindexed later) {
            Unindexed newer = later.incident().version() >= incident.version() ? later : this;
            return new Unindexed(newer.incident(), openness || later.openness(),
                    publicChange.or(later.publicChange()));
        }
    }

    public RedisIncidentStore(RedisConnection connection) {
        this(connection, Clock.systemUTC());
    }

    public RedisIncidentStore(RedisConnection connection, Clock clock) {
        this.connection = connection;
        this.jedis = connection.jedis();
        this.counter = connection.counter();
        this.waitReplicas = connection.waitReplicas();
        this.stored = new StoredIncidents(connection);
        this.publicIndex = new RedisPublicIndex(connection, stored);
        this.clock = clock;
    }

    @Override
    public IncidentId allocateId() {
        return new IncidentId(RedisCalls.call(() -> jedis.incr(RedisKeys.ID_COUNTER)));
    }

    @Override
    public boolean create(Incident incident, List<TimelineEntry> entries, Announcement announcement) {
        RedisPublicIndex.Change publicChange = RedisPublicIndex.changeOf(incident, entries);
        if (!write(incident, "", entries, announcement, publicChange)) {
            return false;
        }
        indexAfterWrite(new Unindexed(incident, true, publicChangeLeftOver(publicChange)));
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
        RedisPublicIndex.Change shown = RedisPublicIndex.changeOf(next, entries);
        if (!write(next, Long.toString(expectedVersion), entries, announcement, shown)) {
            return false;
        }
        // Only a change of openness touches the open index, and only a change the status page shows
        // the public one — and that one in the change's own script where it can: most commands
        // stay at one round trip.
        boolean openness = !next.state().isOpen();
        RedisPublicIndex.Change publicChange = publicChangeLeftOver(shown);
        if (openness || publicChange != RedisPublicIndex.Change.NONE) {
            indexAfterWrite(new Unindexed(next, openness, publicChange));
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
        return StoredIncidents.timeline(RedisCalls.call(() -> jedis.xrange(RedisKeys.timeline(id), "-", "+")));
    }

    @Override
    public PublicChanges changedSince(long revision) {
        mendIndexes();
        return publicIndex.changedSince(revision);
    }

    /**
     * Where one server holds every key, each change's own script also sets its incident's due
     * time in the reminder queue (its keys live in another slot, so not on a cluster).
     */
    @Override
    public boolean keepReminderTimes(Function<Incident, Instant> dueAt) {
        if (!connection.oneServerHoldsEveryKey()) {
            return false;
        }
        this.reminderTimes = dueAt;
        return true;
    }

    @Override
    public long writtenHere() {
        return publicIndex.writtenHere();
    }

    @Override
    public void forget(Map<IncidentId, Long> revisions) {
        publicIndex.forget(revisions);
    }

    /**
     * Recomputes the id counter, the open set, the channel index and the public-incidents index
     * from the incident records. Idempotent, so replicas starting together may both run it (the
     * public index gives a new revision only to an incident version it has not seen: a restart
     * makes no reader fetch anything again); run at start-up so that a crash between a write
     * and its index update heals, and so that incidents stored before the public index existed
     * enter it.
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
        Instant now = clock.instant();
        for (Incident incident : incidents) {
            highest = Math.max(highest, incident.id().number());
            writeIndexes(new Unindexed(incident, true, RedisPublicIndex.rebuilt(incident, now)));
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

    /**
     * What is left of a change's public-index write once the change's own script has run: all
     * of it on a cluster (the index lives in another slot, so it is written after), none where
     * one server holds every key (the script wrote it).
     */
    private RedisPublicIndex.Change publicChangeLeftOver(RedisPublicIndex.Change shown) {
        return connection.oneServerHoldsEveryKey() ? RedisPublicIndex.Change.NONE : shown;
    }

    private boolean write(Incident incident, String expectedVersion, List<TimelineEntry> entries,
                          Announcement announcement, RedisPublicIndex.Change shown) {
        List<String> keys = new ArrayList<>(List.of(RedisKeys.incident(incident.id()),
                RedisKeys.timeline(incident.id())));
        boolean indexing = shown != RedisPublicIndex.Change.NONE && connection.oneServerHoldsEveryKey();
        if (indexing) {
            keys.addAll(RedisPublicIndex.KEYS);
        }
        Function<Incident, Instant> reminderTimes = this.reminderTimes;
        String reminder = "";
        if (reminderTimes != null) {
            Instant dueAt = reminderTimes.apply(incident);
            reminder = dueAt == null ? "-" : Long.toString(dueAt.toEpochMilli());
            keys.addAll(RedisReminderQueue.SCHEDULE_KEYS);
        }
        boolean announcing = announcement != null && !announcement.platforms().isEmpty();
        boolean markingDue = announcing && announcement.markedDueByStore();
        if (announcing) {
            announcement.platforms().forEach(platform -> keys.add(RedisKeys.outbox(incident.id(), platform)));
        }
        if (markingDue) {
            if (!connection.oneServerHoldsEveryKey()) {
                throw new IllegalStateException("lanes are marked due in the change's write only where one server "
                        + "holds every key");
            }
            keys.addAll(RedisDeliveryQueue.dueKeys(announcement.platforms()));
        }
        List<String> args = new ArrayList<>(7 + entries.size());
        args.add(expectedVersion);
        args.add(Long.toString(incident.version()));
        String json = IncidentJson.write(incident);
        args.add(json);
        args.add(announcing ? announcement.entry() : "");
        args.add(!indexing ? "" : shown == RedisPublicIndex.Change.ADD ? "1" : "0");
        args.add(markingDue ? Long.toString(announcement.due().toEpochMilli()) : "");
        args.add(reminder);
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
        return written(result);
    }

    /** The write script's answer: 0 when another writer got there first; a revision it gave is noted. */
    private boolean written(Object result) {
        if (result instanceof List<?> written) {
            publicIndex.written(written.get(1));
            return true;
        }
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
            boolean written = written(result.get());
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
     * After a stored change: its incident in the open set, its channel in the channel index and,
     * when the status page shows the change, its new revision in the public index. The change
     * stands whatever happens here (answering "failed" would make the caller repeat a stored
     * change); on a cluster those keys live on other masters, so an index write that fails is
     * kept and written again before the indexes are next read, and rebuilt at start.
     */
    private void indexAfterWrite(Unindexed write) {
        IncidentId id = write.incident().id();
        try {
            writeIndexes(write);
            unindexed.computeIfPresent(id, (key, pending) ->
                    pending.incident().version() <= write.incident().version() ? null : pending);
        } catch (StoreUnavailableException e) {
            unindexed.merge(id, write, Unindexed::merge);
            log.warn("{} is stored, but its index entries could not be written ({}); they are written again before "
                    + "the indexes are next read", id, e.getMessage());
        }
    }

    /** Index writes left over from {@link #indexAfterWrite}; one that still fails fails the read (503). */
    private void mendIndexes() {
        for (Unindexed pending : unindexed.values()) {
            writeIndexes(pending);
            unindexed.remove(pending.incident().id(), pending);
        }
    }

    private void writeIndexes(Unindexed write) {
        Incident incident = write.incident();
        String id = incident.id().toString();
        List<Response<?>> answers = new ArrayList<>(2);
        Response<Object> revision = null;
        try (PipelineBase pipeline = pipelined()) {
            if (write.openness()) {
                answers.add(incident.state().isOpen() ? pipeline.sadd(RedisKeys.OPEN, id) : pipeline.srem(RedisKeys.OPEN, id));
                if (incident.channel() != null && !incident.channel().isBlank()) {
                    answers.add(pipeline.hset(RedisKeys.CHANNELS, incident.channel(), id));
                }
            }
            if (write.publicChange() != RedisPublicIndex.Change.NONE) {
                revision = publicIndex.write(pipeline, incident, write.publicChange());
            }
            pipeline.sync();
            counter.countRoundTrip();
            answers.forEach(RedisCalls::answer);
            if (revision != null) {
                publicIndex.written(revision);
            }
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
