package io.sitrep.integrations.redis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.Visibility;
import io.sitrep.incident.store.PublicIncidentIndex;
import redis.clients.jedis.PipelineBase;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.Tuple;

/**
 * The public-incidents index in Redis: a sorted set of incident ids by revision, the incident
 * version each revision was given for, and the revision counter, all three in the {@code {status}}
 * slot so that one script updates them atomically on Redis Cluster too.
 *
 * <p>Why an index rather than the change events each change used to append: the page needs the
 * public incidents of the last 90 days, not a history of changes. Events lived in each
 * incident's own slot, so finding which incidents changed would have needed this same global
 * index anyway; they said only the state and severity, so the page would still have read each
 * record and timeline; and every change paid for an event that nothing read. The index is
 * written only for changes the page shows, and read with one round trip when nothing changed.
 *
 * <p>Like the open set it is a cache of the records: written after the incident's own script
 * (a script cannot span two slots), written again when that fails, and rebuilt at start-up.
 * Writing an incident version twice, or an older one after a newer, changes nothing.
 */
final class RedisPublicIndex {

    /** What a change means for the index. */
    enum Change {
        /** Nothing the page shows. */
        NONE,
        /** Shown facts changed: a new revision if the incident is indexed already. */
        REFRESH,
        /** A stakeholder post: indexed from now on, with a new revision. */
        ADD;

        Change or(Change other) {
            return compareTo(other) >= 0 ? this : other;
        }
    }

    /** Entries that can change what the page shows of an incident; notes, roles, reminders and the like cannot. */
    private static final Set<TimelineKind> SHOWN = EnumSet.of(TimelineKind.STAKEHOLDER_UPDATE,
            TimelineKind.STATUS_CHANGED, TimelineKind.SEVERITY_CHANGED, TimelineKind.POSTMORTEM_FIELD);
    private static final Set<IncidentState> OVER = EnumSet.of(IncidentState.RESOLVED, IncidentState.POSTMORTEM,
            IncidentState.CLOSED, IncidentState.CANCELLED);

    static final String INDEX = RedisKeys.PREFIX + "{status}:public";
    static final String VERSIONS = RedisKeys.PREFIX + "{status}:public-versions";
    static final String REVISION = RedisKeys.PREFIX + "{status}:revision";
    static final List<String> KEYS = List.of(INDEX, VERSIONS, REVISION);

    /**
     * A Lua function for scripts that index an incident: the index, the versions, the revision
     * counter, then id, incident version, "1" to add it if not indexed. Returns the revision
     * given, or 0 when nothing was written. Shared by the index's own script and the incident
     * write script, which runs it in the same step as the change where one server holds every key.
     */
    static final String INDEX_FUNCTION = """
            local function index_incident(index, versions, counter, id, version, add)
              local known = redis.call('HGET', versions, id)
              if not known then
                if add ~= '1' then return 0 end
              elseif tonumber(known) >= tonumber(version) then
                return 0
              end
              local revision = redis.call('INCR', counter)
              redis.call('ZADD', index, revision, id)
              redis.call('HSET', versions, id, version)
              return revision
            end
            """;
    /** KEYS: the index, the versions, the revision counter. ARGV: id, incident version, "1" to add. */
    private static final String INDEX_SCRIPT = INDEX_FUNCTION
            + "return index_incident(KEYS[1], KEYS[2], KEYS[3], ARGV[1], ARGV[2], ARGV[3])\n";
    /** KEYS: the index, the versions. ARGV: id, the revision it was dropped at. */
    private static final String FORGET_SCRIPT = """
            if tonumber(redis.call('ZSCORE', KEYS[1], ARGV[1]) or '-1') ~= tonumber(ARGV[2]) then return 0 end
            redis.call('ZREM', KEYS[1], ARGV[1])
            redis.call('HDEL', KEYS[2], ARGV[1])
            return 1
            """;

    private final UnifiedJedis jedis;
    private final RoundTripCounter counter;
    private final StoredIncidents stored;
    private final AtomicLong writtenHere = new AtomicLong();

    RedisPublicIndex(RedisConnection connection, StoredIncidents stored) {
        this.jedis = connection.jedis();
        this.counter = connection.counter();
        this.stored = stored;
    }

    /**
     * What a written change means for the index. Private incidents, incidents never posted about
     * (so not indexed) and changes the page does not show cost nothing.
     */
    static Change changeOf(Incident incident, List<TimelineEntry> entries) {
        if (incident.visibility() != Visibility.PUBLIC) {
            return Change.NONE;
        }
        boolean shown = false;
        for (TimelineEntry entry : entries) {
            if (entry.kind() == TimelineKind.STAKEHOLDER_UPDATE) {
                return Change.ADD;
            }
            shown |= SHOWN.contains(entry.kind());
        }
        return shown && lastPost(incident) != null ? Change.REFRESH : Change.NONE;
    }

    /**
     * What the start-up rebuild indexes: public incidents with a stakeholder post that are still
     * going, or posted within {@link PublicIncidentIndex#KEPT_FOR} of {@code now}. The record
     * alone tells: updates set {@code lastUpdateAt}, closing posts the postmortem.
     */
    static Change rebuilt(Incident incident, Instant now) {
        Instant lastPost = lastPost(incident);
        if (incident.visibility() != Visibility.PUBLIC || lastPost == null) {
            return Change.NONE;
        }
        boolean shown = !OVER.contains(incident.state()) || !lastPost.isBefore(now.minus(PublicIncidentIndex.KEPT_FOR));
        return shown ? Change.ADD : Change.NONE;
    }

    /** When stakeholders were last posted to, from the record (null: never, so it is not indexed). */
    private static Instant lastPost(Incident incident) {
        Instant update = incident.lastUpdateAt();
        Instant published = incident.state() == IncidentState.CLOSED ? incident.postmortem().completedAt() : null;
        return published != null && (update == null || published.isAfter(update)) ? published : update;
    }

    /** Queues the index write of one change; {@link #written} takes its answer after the sync. */
    Response<Object> write(PipelineBase pipeline, Incident incident, Change change) {
        return pipeline.eval(INDEX_SCRIPT, KEYS, List.of(incident.id().toString(), Long.toString(incident.version()),
                change == Change.ADD ? "1" : "0"));
    }

    void written(Response<Object> answer) {
        written(RedisCalls.answer(answer));
    }

    /** The revision a script gave (0: none), so this replica's own page looks at once. */
    void written(Object revision) {
        if (revision instanceof Long given && given > 0) {
            writtenHere.accumulateAndGet(given, Math::max);
        }
    }

    long writtenHere() {
        return writtenHere.get();
    }

    PublicIncidentIndex.PublicChanges changedSince(long revision) {
        List<Tuple> changed = RedisCalls.call(() -> jedis.zrangeByScoreWithScores(INDEX, "(" + revision, "+inf"));
        if (changed.isEmpty()) {
            return new PublicIncidentIndex.PublicChanges(revision, List.of());
        }
        Map<IncidentId, Long> revisions = new LinkedHashMap<>();
        Map<IncidentId, Response<String>> records = new LinkedHashMap<>();
        Map<IncidentId, Response<List<StreamEntry>>> timelines = new LinkedHashMap<>();
        try (PipelineBase pipeline = jedis.pipelined()) {
            for (Tuple tuple : changed) {
                IncidentId.tryParse(tuple.getElement()).ifPresent(id -> {
                    revisions.put(id, (long) tuple.getScore());
                    records.put(id, pipeline.hget(RedisKeys.incident(id), "json"));
                    timelines.put(id, pipeline.xrange(RedisKeys.timeline(id), "-", "+"));
                });
            }
            pipeline.sync();
            counter.countRoundTrip();
        } catch (JedisException e) {
            throw RedisCalls.unavailableOrRethrow(e);
        }
        Map<IncidentId, String> json = new LinkedHashMap<>();
        records.forEach((id, answer) -> json.put(id, RedisCalls.answer(answer)));
        List<PublicIncidentIndex.Indexed> indexed = new ArrayList<>(json.size());
        for (Incident incident : stored.readAll(json)) {
            indexed.add(new PublicIncidentIndex.Indexed(incident,
                    StoredIncidents.timeline(RedisCalls.answer(timelines.get(incident.id()))),
                    revisions.get(incident.id())));
        }
        long highest = (long) changed.get(changed.size() - 1).getScore();
        return new PublicIncidentIndex.PublicChanges(Math.max(revision, highest), indexed);
    }

    void forget(Map<IncidentId, Long> revisions) {
        List<Response<Object>> answers = new ArrayList<>(revisions.size());
        try (PipelineBase pipeline = jedis.pipelined()) {
            revisions.forEach((id, revision) -> answers.add(pipeline.eval(FORGET_SCRIPT, List.of(INDEX, VERSIONS),
                    List.of(id.toString(), Long.toString(revision)))));
            pipeline.sync();
            counter.countRoundTrip();
        } catch (JedisException e) {
            throw RedisCalls.unavailableOrRethrow(e);
        }
        answers.forEach(RedisCalls::answer);
    }
}
