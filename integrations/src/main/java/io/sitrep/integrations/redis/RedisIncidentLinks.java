package io.sitrep.integrations.redis;

import java.util.Optional;

import io.sitrep.incident.IncidentId;
import io.sitrep.incident.store.IncidentLinks;
import redis.clients.jedis.UnifiedJedis;

/** Watcher key → incident, in one hash ({@code sitrep:links}). */
public final class RedisIncidentLinks implements IncidentLinks {

    private final UnifiedJedis jedis;

    public RedisIncidentLinks(RedisConnection connection) {
        this.jedis = connection.jedis();
    }

    @Override
    public void link(String key, IncidentId incident) {
        RedisCalls.call(() -> jedis.hset(RedisKeys.LINKS, key, incident.toString()));
    }

    @Override
    public Optional<IncidentId> find(String key) {
        String id = RedisCalls.call(() -> jedis.hget(RedisKeys.LINKS, key));
        return id == null ? Optional.empty() : IncidentId.tryParse(id);
    }
}
