package io.sitrep.integrations.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.sitrep.incident.store.StoreUnavailableException;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisRedirectionException;

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
    static List<String> scanIncidentIds(RedisConnection connection, String pattern) {
        List<String> ids = new ArrayList<>();
        for (String key : connection.scanKeys(pattern)) {
            int open = key.indexOf('{');
            int close = key.indexOf('}');
            if (open >= 0 && close > open) {
                ids.add(key.substring(open + 1, close));
            }
        }
        return ids;
    }

    /**
     * Answers that mean "try again shortly": a Redis still loading its append-only file, busy
     * in a long script, a master demoted to a replica by a failover (READONLY), and a cluster
     * that is failing over, resharding or short of masters or replicas.
     */
    private static final List<String> TRANSIENT_ERRORS = List.of("LOADING", "BUSY", "READONLY", "MASTERDOWN",
            "CLUSTERDOWN", "TRYAGAIN", "NOREPLICAS", "MOVED", "ASK");

    /**
     * Connection failures, an exhausted pool (a hung Redis holds every connection), a cluster
     * command out of attempts and the transient answers above all mean "try again shortly";
     * other data errors (a script's bug) and a call with keys of two slots, which the cluster
     * client refuses itself, are bugs and stay what they are.
     */
    static RuntimeException unavailableOrRethrow(JedisException e) {
        if (e instanceof JedisClusterOperationException && String.valueOf(e.getMessage()).contains("same hashslot")) {
            return e;
        }
        if (e instanceof JedisDataException && !(e instanceof JedisRedirectionException) && !isTransient(e)) {
            return e;
        }
        return new StoreUnavailableException("Redis is unavailable: " + e.getMessage(), e);
    }

    /**
     * A pipelined command's answer. On a cluster a node that failed during the sync leaves its
     * commands unanswered (Jedis logs it and goes on), which reads as an IllegalStateException:
     * that node is unavailable, so is the answer.
     */
    static <T> T answer(Response<T> response) {
        try {
            return response.get();
        } catch (JedisException e) {
            throw unavailableOrRethrow(e);
        } catch (IllegalStateException unanswered) {
            throw new StoreUnavailableException("Redis is unavailable: a node did not answer its part of a pipeline",
                    unanswered);
        }
    }

    private static boolean isTransient(JedisException e) {
        String message = String.valueOf(e.getMessage());
        return TRANSIENT_ERRORS.stream().anyMatch(prefix -> message.startsWith(prefix + " ") || message.equals(prefix));
    }
}
