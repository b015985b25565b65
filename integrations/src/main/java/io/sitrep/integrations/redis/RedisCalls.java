package io.sitrep.integrations.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.sitrep.incident.store.StoreUnavailableException;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** How every Redis call of Sitrep maps Jedis failures. */
final class RedisCalls {

    private RedisCalls() {
    }

    static <T> T call(Supplier<T> redisCall) {
        try {
            return redisCall.get();
        } catch (JedisException e) {
            throw unavailableOrRethrow(e);
        }
    }

    /** The incident ids in the keys matching {@code pattern} ({@code sitrep:{INC-*}:…}), by SCAN, never KEYS. */
    static List<String> scanIncidentIds(UnifiedJedis jedis, String pattern) {
        List<String> ids = new ArrayList<>();
        for (String key : scanKeys(jedis, pattern)) {
            int open = key.indexOf('{');
            int close = key.indexOf('}');
            if (open >= 0 && close > open) {
                ids.add(key.substring(open + 1, close));
            }
        }
        return ids;
    }

    /** The keys matching {@code pattern}, by SCAN, never KEYS. */
    static List<String> scanKeys(UnifiedJedis jedis, String pattern) {
        List<String> keys = new ArrayList<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        ScanParams params = new ScanParams().match(pattern).count(500);
        do {
            String from = cursor;
            ScanResult<String> page = call(() -> jedis.scan(from, params));
            keys.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        return keys;
    }

    /**
     * Connection failures, an exhausted pool (a hung Redis holds every connection) and a Redis
     * still loading its append-only file all mean "try again shortly"; other data errors are bugs.
     */
    static RuntimeException unavailableOrRethrow(JedisException e) {
        boolean loading = e instanceof JedisDataException && String.valueOf(e.getMessage()).startsWith("LOADING");
        if (e instanceof JedisDataException && !loading) {
            return e;
        }
        return new StoreUnavailableException("Redis is unavailable: " + e.getMessage(), e);
    }
}
