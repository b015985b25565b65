package io.sitrep.integrations.redis;

import java.time.Duration;

import io.sitrep.integrations.chat.RequestDeduplicator;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * {@code SET key 1 NX PX}: the first replica to see a request wins, on one Redis round trip.
 * Keys expire after the retention time, long past any platform's retries.
 */
public final class RedisRequestDeduplicator implements RequestDeduplicator {

    private final UnifiedJedis jedis;
    private final Duration retention;

    public RedisRequestDeduplicator(RedisConnection connection, Duration retention) {
        this.jedis = connection.jedis();
        this.retention = retention;
    }

    @Override
    public boolean firstDelivery(String key) {
        String reply = RedisCalls.call(() -> jedis.set(RedisKeys.SEEN_PREFIX + key, "1",
                SetParams.setParams().nx().px(retention.toMillis())));
        return "OK".equals(reply);
    }

    @Override
    public void forget(String key) {
        RedisCalls.call(() -> jedis.del(RedisKeys.SEEN_PREFIX + key));
    }
}
