package io.sitrep.integrations.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.sitrep.incident.IncidentId;
import io.sitrep.incident.store.ReminderQueue;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.Tuple;

/**
 * The reminder queue as a sorted set (incident → epoch millis when it next needs attention)
 * beside a hash of the incident version that set each entry. Both share a hash tag, so each
 * Lua script below is atomic on Redis Cluster too. Finding what is due is
 * {@code ZRANGEBYSCORE} — O(log n) for n queued incidents, however many there are.
 */
public final class RedisReminderQueue implements ReminderQueue {

    /**
     * Sets an incident's due time (millis, or '' to remove it) unless a newer version of it set
     * it already: an older version never overwrites a newer one. The incident store's write
     * script runs it too, where one server holds every key.
     */
    static final String SCHEDULE_FUNCTION = """
            local function schedule_reminder(due, versions, incident, millis, version)
              local current = tonumber(redis.call('HGET', versions, incident) or '-1')
              if tonumber(version) < current then return 0 end
              redis.call('HSET', versions, incident, version)
              if millis == '' then
                redis.call('ZREM', due, incident)
              else
                redis.call('ZADD', due, millis, incident)
              end
              return 1
            end
            """;
    /** The keys {@link #SCHEDULE_FUNCTION} takes: due, versions. */
    static final List<String> SCHEDULE_KEYS = List.of(RedisKeys.REMINDERS_DUE, RedisKeys.REMINDERS_VERSIONS);
    /** KEYS: due, versions. ARGV: incident, millis or "", version. */
    private static final String SCHEDULE_SCRIPT = SCHEDULE_FUNCTION + """
            return schedule_reminder(KEYS[1], KEYS[2], ARGV[1], ARGV[2], ARGV[3])
            """;
    /**
     * KEYS: due. ARGV: now millis, max, lease-until millis. Takes what is due and hides it until
     * the lease ends (the maintenance clock claims its windows with it too).
     */
    static final String CLAIM_SCRIPT = """
            local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
            for _, id in ipairs(due) do
              redis.call('ZADD', KEYS[1], ARGV[3], id)
            end
            return due
            """;

    private final UnifiedJedis jedis;

    public RedisReminderQueue(RedisConnection connection) {
        this.jedis = connection.jedis();
    }

    @Override
    public void schedule(IncidentId incident, Instant at, long version) {
        String millis = at == null ? "" : Long.toString(at.toEpochMilli());
        RedisCalls.call(() -> jedis.eval(SCHEDULE_SCRIPT, SCHEDULE_KEYS,
                List.of(incident.toString(), millis, Long.toString(version))));
    }

    @Override
    public List<IncidentId> claimDue(Instant now, int max, Duration lease) {
        Object result = RedisCalls.call(() -> jedis.eval(CLAIM_SCRIPT, List.of(RedisKeys.REMINDERS_DUE),
                List.of(Long.toString(now.toEpochMilli()), Integer.toString(max),
                        Long.toString(now.plus(lease).toEpochMilli()))));
        List<IncidentId> claimed = new ArrayList<>();
        if (result instanceof List<?> ids) {
            for (Object id : ids) {
                IncidentId.tryParse(String.valueOf(id)).ifPresent(claimed::add);
            }
        }
        return claimed;
    }

    @Override
    public Optional<Instant> earliest() {
        List<Tuple> first = RedisCalls.call(() -> jedis.zrangeWithScores(RedisKeys.REMINDERS_DUE, 0, 0));
        return first.isEmpty() ? Optional.empty() : Optional.of(Instant.ofEpochMilli((long) first.get(0).getScore()));
    }

    @Override
    public long size() {
        return RedisCalls.call(() -> jedis.zcard(RedisKeys.REMINDERS_DUE));
    }
}
