package io.sitrep.integrations.redis;

import java.util.Optional;

import io.sitrep.incident.IncidentId;
import io.sitrep.integrations.alerts.AlertLinks;
import redis.clients.jedis.UnifiedJedis;

/** Alert fingerprint → incident, in one hash ({@code sitrep:alerts}). */
public final class RedisAlertLinks implements AlertLinks {

    private final UnifiedJedis jedis;

    public RedisAlertLinks(RedisConnection connection) {
        this.jedis = connection.jedis();
    }

    @Override
    public void link(String fingerprint, IncidentId incident) {
        RedisCalls.call(() -> jedis.hset(RedisKeys.ALERTS, fingerprint, incident.toString()));
    }

    @Override
    public Optional<IncidentId> find(String fingerprint) {
        String id = RedisCalls.call(() -> jedis.hget(RedisKeys.ALERTS, fingerprint));
        return id == null ? Optional.empty() : IncidentId.tryParse(id);
    }
}
