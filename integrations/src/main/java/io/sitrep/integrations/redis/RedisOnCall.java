package io.sitrep.integrations.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * What on-call keeps in Redis, as opaque strings: each schedule's overrides and the secret key of
 * each schedule's calendar. A schedule's overrides share the hash tag {@code {oncall:<id>}}, so
 * on Redis Cluster one script writes both of their keys.
 * <ul>
 * <li>{@code sitrep:{oncall:<schedule>}:overrides}: sorted set, override id → epoch millis of its end</li>
 * <li>{@code sitrep:{oncall:<schedule>}:override}: hash, override id → the override as JSON</li>
 * <li>{@code sitrep:{oncall:<schedule>}:version}: counter, one up for every override added or removed</li>
 * <li>{@code sitrep:{oncall:<schedule>}:usergroup} and {@code …:discord-role}: string, what was last
 * written to the schedule's Slack user group or Discord role, expiring so that the group itself is
 * looked at again now and then</li>
 * <li>{@code sitrep:{oncall}:calendar-keys}: hash, schedule id → its calendar's key</li>
 * </ul>
 */
public final class RedisOnCall {

    private static final String CALENDAR_KEYS = RedisKeys.PREFIX + "{oncall}:calendar-keys";

    /** Adds one override and forgets those that ended before ARGV[4]. */
    private static final String ADD = """
            local ended = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[4])
            for _, id in ipairs(ended) do redis.call('HDEL', KEYS[2], id) end
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[4])
            redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
            redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
            redis.call('INCR', KEYS[3])
            return 1
            """;
    private static final String REMOVE = """
            local removed = redis.call('ZREM', KEYS[1], ARGV[1])
            redis.call('HDEL', KEYS[2], ARGV[1])
            if removed > 0 then redis.call('INCR', KEYS[3]) end
            return removed
            """;

    private final UnifiedJedis jedis;

    public RedisOnCall(RedisConnection connection) {
        this.jedis = connection.jedis();
    }

    private static String overrides(String schedule) {
        return RedisKeys.PREFIX + "{oncall:" + schedule + "}:overrides";
    }

    private static String override(String schedule) {
        return RedisKeys.PREFIX + "{oncall:" + schedule + "}:override";
    }

    private static String version(String schedule) {
        return RedisKeys.PREFIX + "{oncall:" + schedule + "}:version";
    }

    /** @param kind which group of the schedule: {@code usergroup} (Slack) or {@code discord-role} */
    private static String group(String schedule, String kind) {
        return RedisKeys.PREFIX + "{oncall:" + schedule + "}:" + kind;
    }

    /** What was last written to the schedule's group of {@code kind}, or null when nothing was or it has expired. */
    public String lastGroupMembers(String schedule, String kind) {
        return RedisCalls.call(() -> jedis.get(group(schedule, kind)));
    }

    /** Remembers what was written to the schedule's group of {@code kind}, for {@code trustedMillis}. */
    public void rememberGroupMembers(String schedule, String kind, String members, long trustedMillis) {
        RedisCalls.call(() -> jedis.set(group(schedule, kind), members, SetParams.setParams().px(trustedMillis)));
    }

    /**
     * @param untilMillis when the override ends, which orders it
     * @param forgetBeforeMillis overrides of this schedule that ended before this are dropped
     */
    public void addOverride(String schedule, String id, long untilMillis, String json, long forgetBeforeMillis) {
        RedisCalls.call(() -> jedis.eval(ADD, List.of(overrides(schedule), override(schedule), version(schedule)),
                List.of(id, Long.toString(untilMillis), json, Long.toString(forgetBeforeMillis))));
    }

    /** The overrides of {@code schedule} that end after {@code afterMillis}, as JSON, in order of their end. */
    public List<String> overridesEndingAfter(String schedule, long afterMillis) {
        List<String> ids = RedisCalls.call(() -> jedis.zrangeByScore(overrides(schedule), "(" + afterMillis, "+inf"));
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> found = RedisCalls.call(() -> jedis.hmget(override(schedule), ids.toArray(String[]::new)));
        List<String> json = new ArrayList<>(found);
        json.removeIf(Objects::isNull);
        return json;
    }

    /** @return whether there was such an override */
    public boolean removeOverride(String schedule, String id) {
        Object removed = RedisCalls.call(() -> jedis.eval(REMOVE, List.of(overrides(schedule), override(schedule),
                version(schedule)), List.of(id)));
        return removed instanceof Long count && count > 0;
    }

    /**
     * How many times the schedule's overrides have changed: equal counts mean the same overrides,
     * whichever replica made them. 0 when none were ever made.
     */
    public long overridesVersion(String schedule) {
        String count = RedisCalls.call(() -> jedis.get(version(schedule)));
        return count == null ? 0 : Long.parseLong(count);
    }

    /** The schedule's calendar key, {@code fresh} becoming it when it has none yet (first caller wins). */
    public String calendarKey(String schedule, String fresh) {
        RedisCalls.call(() -> jedis.hsetnx(CALENDAR_KEYS, schedule, fresh));
        return RedisCalls.call(() -> jedis.hget(CALENDAR_KEYS, schedule));
    }

    /** The schedule's calendar key if it has one, else null; never creates one. */
    public String existingCalendarKey(String schedule) {
        return RedisCalls.call(() -> jedis.hget(CALENDAR_KEYS, schedule));
    }

    /** Replaces the schedule's calendar key: the old URL stops working at once. */
    public void replaceCalendarKey(String schedule, String fresh) {
        RedisCalls.call(() -> jedis.hset(CALENDAR_KEYS, schedule, fresh));
    }
}
