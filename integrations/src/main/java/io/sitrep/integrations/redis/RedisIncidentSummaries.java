package io.sitrep.integrations.redis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.sitrep.incident.IncidentId;

import redis.clients.jedis.UnifiedJedis;

/**
 * One small JSON document per incident, its figures for the insights page, in one hash: kept
 * as incidents change, so the page reads one key rather than every incident and timeline. An
 * index like the others: what it holds is derived from the incidents, and rebuilt from them.
 * Opaque here: the insights feature writes and reads the documents.
 *
 * <p>Each write is given a revision (one counter), and the incident the revision it was last
 * written at, so a reader that has them all asks only for what changed since: a reading of
 * thousands costs as much as the few that changed. The keys share the {@code {insights}} slot.
 */
public final class RedisIncidentSummaries {

    /** KEYS: hash, changed, revision. ARGV: id, json, id, json… The revision given to them. */
    private static final String PUT = """
            local revision = redis.call('INCR', KEYS[3])
            for i = 1, #ARGV, 2 do
              redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
              redis.call('ZADD', KEYS[2], revision, ARGV[i])
            end
            return revision
            """;
    /**
     * KEYS: hash, changed, revision. ARGV: the revision the reader has (0: none). {revision,
     * whole (1: every summary follows, 0: only the changed), id, json, …}. A reader ahead of the
     * counter (the keys were lost and begun again) gets them all.
     */
    private static final String CHANGED = """
            local revision = tonumber(redis.call('GET', KEYS[3]) or '0')
            local since = tonumber(ARGV[1])
            if since == 0 or since > revision then
              local all = redis.call('HGETALL', KEYS[1])
              table.insert(all, 1, '1')
              table.insert(all, 1, tostring(revision))
              return all
            end
            local out = {tostring(revision), '0'}
            for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '(' .. since, '+inf')) do
              table.insert(out, id)
              table.insert(out, redis.call('HGET', KEYS[1], id) or '')
            end
            return out
            """;

    private final UnifiedJedis jedis;

    public RedisIncidentSummaries(RedisConnection connection) {
        this.jedis = connection.jedis();
    }

    /** What changed after a revision: every summary ({@code whole}) or only those. */
    public record Changes(long revision, boolean whole, Map<String, String> jsonById) {
    }

    public void put(IncidentId incident, String json) {
        putAll(Map.of(incident.toString(), json));
    }

    /** Several at once, in one round trip (a rebuild). */
    public void putAll(Map<String, String> jsonById) {
        if (jsonById.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>(jsonById.size() * 2);
        jsonById.forEach((id, json) -> {
            args.add(id);
            args.add(json);
        });
        RedisCalls.call(() -> jedis.eval(PUT, keys(), args));
    }

    /** The summaries written after {@code revision}; all of them for 0. */
    public Changes changedSince(long revision) {
        List<?> answer = (List<?>) RedisCalls.call(() -> jedis.eval(CHANGED, keys(), List.of(Long.toString(revision))));
        Map<String, String> changed = new LinkedHashMap<>();
        for (int i = 2; i + 1 < answer.size(); i += 2) {
            changed.put(String.valueOf(answer.get(i)), String.valueOf(answer.get(i + 1)));
        }
        return new Changes(Long.parseLong(String.valueOf(answer.get(0))), "1".equals(String.valueOf(answer.get(1))),
                changed);
    }

    public long size() {
        return RedisCalls.call(() -> jedis.hlen(RedisKeys.INSIGHTS_INCIDENTS));
    }

    private static List<String> keys() {
        return List.of(RedisKeys.INSIGHTS_INCIDENTS, RedisKeys.INSIGHTS_CHANGED, RedisKeys.INSIGHTS_REVISION);
    }
}
