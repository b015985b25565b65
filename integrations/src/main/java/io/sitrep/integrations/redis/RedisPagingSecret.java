package io.sitrep.integrations.redis;

import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * The secret that signs the acknowledge links of page mails, kept in Redis so that every
 * replica signs and checks with the same one: {@code sitrep:{paging}:ack-secret}, a string
 * written once by whichever replica needs it first and never expiring (a link in a mail must
 * still open after a restart).
 */
public final class RedisPagingSecret {

    static final String ACK_SECRET = RedisKeys.PREFIX + "{paging}:ack-secret";

    private final UnifiedJedis jedis;

    public RedisPagingSecret(RedisConnection connection) {
        this.jedis = connection.jedis();
    }

    /** The secret, {@code fresh} becoming it when there is none yet (the first replica to write wins). */
    public String ackSecret(String fresh) {
        RedisCalls.call(() -> jedis.set(ACK_SECRET, fresh, SetParams.setParams().nx()));
        return RedisCalls.call(() -> jedis.get(ACK_SECRET));
    }
}
