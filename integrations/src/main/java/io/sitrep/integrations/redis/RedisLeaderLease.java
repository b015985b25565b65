package io.sitrep.integrations.redis;

import java.time.Duration;
import java.util.List;

import io.sitrep.incident.store.LeaderLease;
import redis.clients.jedis.UnifiedJedis;

/** A lease as one Redis key with an expiry, renewed or taken in one Lua script. */
public final class RedisLeaderLease implements LeaderLease {

    /** KEYS: the lease. ARGV: holder, ttl millis. */
    private static final String HOLD_OR_TAKE = """
            local current = redis.call('GET', KEYS[1])
            if current == ARGV[1] then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
              return 1
            end
            if not current then
              redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
              return 1
            end
            return 0
            """;

    private final UnifiedJedis jedis;

    public RedisLeaderLease(RedisConnection connection) {
        this.jedis = connection.jedis();
    }

    @Override
    public boolean holdOrTake(String lease, String holder, Duration ttl) {
        Object held = RedisCalls.call(() -> jedis.eval(HOLD_OR_TAKE, List.of(RedisKeys.lease(lease)),
                List.of(holder, Long.toString(ttl.toMillis()))));
        return Long.valueOf(1L).equals(held);
    }
}
