package io.sitrep.integrations.redis;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.sitrep.incident.People;
import redis.clients.jedis.UnifiedJedis;

/**
 * People's names by platform id in {@code sitrep:people}, shared by every replica, with the
 * names this replica has seen kept in memory: a name is written once when it is new or changed,
 * not with every command.
 */
public final class RedisPeople implements People {

    private final UnifiedJedis jedis;
    private final Map<String, String> known = new ConcurrentHashMap<>();

    public RedisPeople(RedisConnection connection) {
        this.jedis = connection.jedis();
    }

    @Override
    public void remember(String id, String name) {
        if (id == null || name == null || name.isBlank() || name.equals(known.get(id))) {
            return;
        }
        RedisCalls.call(() -> jedis.hset(RedisKeys.PEOPLE, id, name.strip()));
        known.put(id, name.strip());
    }

    @Override
    public Optional<String> nameOf(String id) {
        String name = known.get(id);
        if (name == null) {
            name = RedisCalls.call(() -> jedis.hget(RedisKeys.PEOPLE, id));
            if (name != null) {
                known.put(id, name);
            }
        }
        return Optional.ofNullable(name);
    }
}
