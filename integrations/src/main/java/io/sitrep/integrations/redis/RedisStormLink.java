package io.sitrep.integrations.redis;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.sitrep.incident.IncidentId;
import io.sitrep.integrations.alerts.StormLink;
import redis.clients.jedis.UnifiedJedis;

/**
 * The storm's incident and the claim of whoever is declaring it, two keys under the
 * {@code {storm}} hash tag so that one script reads and writes both, on Redis Cluster too. The
 * claim expires on its own: a holder that dies before linking holds up the others for its
 * time-to-live at most. Earlier versions kept the link in the {@code alert:storm} field of
 * {@code sitrep:links}: an upgraded replica's first claim carries it over, so a storm incident
 * open across the upgrade still collects the next storm.
 */
public final class RedisStormLink implements StormLink {

    /**
     * KEYS: the link, the claim. ARGV: the incident being replaced (or ''), token, ttl millis,
     * the link as earlier versions kept it (or ''), which is taken only where there is no link.
     */
    private static final String CLAIM = """
            local linked = redis.call('GET', KEYS[1])
            if not linked and ARGV[4] ~= '' then
              redis.call('SET', KEYS[1], ARGV[4])
              linked = ARGV[4]
            end
            if linked and linked ~= ARGV[1] then return linked end
            if redis.call('SET', KEYS[2], ARGV[2], 'NX', 'PX', ARGV[3]) then return 1 end
            return 0
            """;

    /**
     * KEYS: the link, the claim. ARGV: token, incident, the incident being replaced (or ''). A
     * claim that ran out still links when nobody has claimed or linked since.
     */
    private static final String LINK = """
            local holder = redis.call('GET', KEYS[2])
            if holder ~= ARGV[1] then
              if holder then return 0 end
              local linked = redis.call('GET', KEYS[1])
              if linked and linked ~= ARGV[3] then return 0 end
            end
            redis.call('SET', KEYS[1], ARGV[2])
            redis.call('DEL', KEYS[2])
            return 1
            """;

    /** KEYS: the claim. ARGV: token. */
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
            return 1
            """;

    private static final List<String> KEYS = List.of(RedisKeys.STORM, RedisKeys.STORM_CLAIM);

    private final UnifiedJedis jedis;
    private final Duration claimFor;
    /** Until the first claim has carried it over or found none: a replica reads the old field once. */
    private volatile boolean oldLinkMayRemain = true;

    /** @param claimFor how long a claim holds if its holder never links; far longer than declaring takes */
    public RedisStormLink(RedisConnection connection, Duration claimFor) {
        this.jedis = connection.jedis();
        this.claimFor = claimFor;
    }

    @Override
    public Claim claim(Optional<IncidentId> over) {
        String token = java.util.UUID.randomUUID().toString();
        // Another slot than the link's, so read here and handed to the script, which takes it atomically.
        String old = oldLinkMayRemain ? RedisCalls.call(() -> jedis.hget(RedisKeys.LINKS, RedisKeys.OLD_STORM_LINK))
                : null;
        Object answer = RedisCalls.call(() -> jedis.eval(CLAIM, KEYS,
                List.of(idOrEmpty(over), token, Long.toString(claimFor.toMillis()), old == null ? "" : old)));
        if (old != null) {
            RedisCalls.call(() -> jedis.hdel(RedisKeys.LINKS, RedisKeys.OLD_STORM_LINK));
        }
        oldLinkMayRemain = false;
        if (answer instanceof String linked) {
            return IncidentId.tryParse(linked).<Claim>map(Claim.Linked::new)
                    .orElseThrow(() -> new IllegalStateException("the storm link holds no incident id: " + linked));
        }
        return Long.valueOf(1L).equals(answer) ? new Claim.Declare(token) : new Claim.Wait();
    }

    @Override
    public boolean link(String token, IncidentId incident, Optional<IncidentId> over) {
        Object linked = RedisCalls.call(() -> jedis.eval(LINK, KEYS, List.of(token, incident.toString(),
                idOrEmpty(over))));
        return Long.valueOf(1L).equals(linked);
    }

    @Override
    public void release(String token) {
        RedisCalls.call(() -> jedis.eval(RELEASE, List.of(RedisKeys.STORM_CLAIM), List.of(token)));
    }

    private static String idOrEmpty(Optional<IncidentId> id) {
        return id.map(IncidentId::toString).orElse("");
    }
}
