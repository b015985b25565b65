package io.sitrep.integrations.redis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.sitrep.integrations.health.HealthBoard;
import io.sitrep.integrations.health.SourceStatus;
import io.sitrep.integrations.health.TargetStatus;
import redis.clients.jedis.UnifiedJedis;

/**
 * The health board in two hashes beside the health-watch lease, all under the {@code {health}}
 * hash tag: one slot, so the lease check and the write are one script even on Redis Cluster.
 */
public final class RedisHealthBoard implements HealthBoard {

    /**
     * KEYS: lease, targets, sources. ARGV: holder, then a count and name/json pairs to set,
     * a count and names to delete, a count and source/json pairs to set.
     */
    private static final String RECORD = """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then
              return 0
            end
            local i = 2
            local n = tonumber(ARGV[i]); i = i + 1
            for _ = 1, n do redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1]); i = i + 2 end
            n = tonumber(ARGV[i]); i = i + 1
            for _ = 1, n do redis.call('HDEL', KEYS[2], ARGV[i]); i = i + 1 end
            n = tonumber(ARGV[i]); i = i + 1
            for _ = 1, n do redis.call('HSET', KEYS[3], ARGV[i], ARGV[i + 1]); i = i + 2 end
            return 1
            """;

    private final UnifiedJedis jedis;

    public RedisHealthBoard(RedisConnection connection) {
        this.jedis = connection.jedis();
    }

    @Override
    public Map<String, TargetStatus> targets() {
        return readAll(RedisKeys.HEALTH_TARGETS, TargetStatus.class);
    }

    @Override
    public Map<String, SourceStatus> sources() {
        return readAll(RedisKeys.HEALTH_SOURCES, SourceStatus.class);
    }

    private <T> Map<String, T> readAll(String hash, Class<T> type) {
        Map<String, T> all = new TreeMap<>();
        RedisCalls.call(() -> jedis.hgetAll(hash)).forEach((name, json) -> all.put(name, IncidentJson.read(json, type)));
        return all;
    }

    @Override
    public boolean record(String holder, Collection<TargetStatus> changed, Collection<String> removed,
                          Collection<SourceStatus> sources) {
        List<String> args = new ArrayList<>();
        args.add(holder);
        args.add(Integer.toString(changed.size()));
        for (TargetStatus status : changed) {
            args.add(status.target().name());
            args.add(IncidentJson.write(status));
        }
        args.add(Integer.toString(removed.size()));
        args.addAll(removed);
        args.add(Integer.toString(sources.size()));
        for (SourceStatus source : sources) {
            args.add(source.source());
            args.add(IncidentJson.write(source));
        }
        Object written = RedisCalls.call(() -> jedis.eval(RECORD,
                List.of(RedisKeys.lease(LEASE), RedisKeys.HEALTH_TARGETS, RedisKeys.HEALTH_SOURCES), args));
        return Long.valueOf(1L).equals(written);
    }
}
