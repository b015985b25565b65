package io.sitrep.integrations.redis;

import java.util.Map;

import io.sitrep.incident.IncidentId;

import redis.clients.jedis.UnifiedJedis;

/**
 * One small JSON document per incident, its figures for the insights page, in one hash: kept
 * as incidents change, so the page reads one key rather than every incident and timeline. An
 * index like the others: what it holds is derived from the incidents, and rebuilt from them.
 * Opaque here: the insights feature writes and reads the documents.
 */
public final class RedisIncidentSummaries {

    private final UnifiedJedis jedis;

    public RedisIncidentSummaries(RedisConnection connection) {
        this.jedis = connection.jedis();
    }

    public void put(IncidentId incident, String json) {
        RedisCalls.call(() -> jedis.hset(RedisKeys.INSIGHTS_INCIDENTS, incident.toString(), json));
    }

    /** Several at once, in one round trip (a rebuild). */
    public void putAll(Map<String, String> jsonById) {
        if (!jsonById.isEmpty()) {
            RedisCalls.call(() -> jedis.hset(RedisKeys.INSIGHTS_INCIDENTS, jsonById));
        }
    }

    /** Every summary, by incident id. */
    public Map<String, String> all() {
        return RedisCalls.call(() -> jedis.hgetAll(RedisKeys.INSIGHTS_INCIDENTS));
    }

    public long size() {
        return RedisCalls.call(() -> jedis.hlen(RedisKeys.INSIGHTS_INCIDENTS));
    }
}
