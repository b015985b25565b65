package io.sitrep.integrations.redis;

import java.time.Instant;
import java.util.List;

import io.sitrep.integrations.alerts.NewIncidentBudget;
import redis.clients.jedis.UnifiedJedis;

/** The budget as one counter per minute in Redis, shared by every replica, expiring on its own. */
public final class RedisNewIncidentBudget implements NewIncidentBudget {

    /** KEYS: this minute's counter. ARGV: the limit. */
    private static final String TAKE = """
            local used = redis.call('INCR', KEYS[1])
            if used == 1 then redis.call('PEXPIRE', KEYS[1], 120000) end
            if used > tonumber(ARGV[1]) then return 0 end
            return 1
            """;

    private final UnifiedJedis jedis;
    private final int perMinute;

    public RedisNewIncidentBudget(RedisConnection connection, int perMinute) {
        this.jedis = connection.jedis();
        this.perMinute = perMinute;
    }

    @Override
    public boolean take(Instant now) {
        String key = RedisKeys.PREFIX + "alerts:opened:" + now.getEpochSecond() / 60;
        return Long.valueOf(1L).equals(RedisCalls.call(() -> jedis.eval(TAKE, List.of(key),
                List.of(Integer.toString(perMinute)))));
    }
}
