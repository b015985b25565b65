package io.sitrep.integrations.redis;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import redis.clients.jedis.UnifiedJedis;

/**
 * The heartbeats every replica shares: each one's last beat, the marker of a silence an
 * incident was opened for, and when Sitrep first started on this Redis. The keys share one
 * slot, so each step below is one script: a beat and the end of its silence, or the claim of a
 * silence and the check that it is still one, cannot interleave with another replica's.
 */
public final class RedisHeartbeats {

    /** KEYS: since. ARGV: now millis. The first start, recorded once. */
    private static final String SINCE = """
            redis.call('SET', KEYS[1], ARGV[1], 'NX')
            return redis.call('GET', KEYS[1])
            """;
    /** KEYS: last, silent. ARGV: name, at millis. The previous beat and the silence this beat ends. */
    private static final String BEAT = """
            local previous = redis.call('HGET', KEYS[1], ARGV[1])
            if not previous or tonumber(previous) < tonumber(ARGV[2]) then
              redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            end
            local silence = redis.call('HGET', KEYS[2], ARGV[1])
            if silence then redis.call('HDEL', KEYS[2], ARGV[1]) end
            return {previous or '', silence or ''}
            """;
    /** KEYS: last, silent. Every last beat and every silence, in one read. */
    private static final String READ = """
            return {redis.call('HGETALL', KEYS[1]), redis.call('HGETALL', KEYS[2])}
            """;
    /**
     * KEYS: last, silent. ARGV: name, the beat it must have missed (millis: overdue when its last
     * beat, else {@code since}, is before it), since millis, marker. Nil when it is not overdue;
     * else the silence's marker: the one given when this call took it, another's when it was taken.
     */
    private static final String CLAIM = """
            local last = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or ARGV[3])
            if last >= tonumber(ARGV[2]) then return false end
            local held = redis.call('HGET', KEYS[2], ARGV[1])
            if held then return held end
            redis.call('HSET', KEYS[2], ARGV[1], ARGV[4])
            return ARGV[4]
            """;
    /** KEYS: silent. ARGV: name, expected marker, replacement. 1 when it held the expected one. */
    private static final String SWAP = """
            if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
            return 1
            """;

    private final UnifiedJedis jedis;

    public RedisHeartbeats(RedisConnection connection) {
        this.jedis = connection.jedis();
    }

    /** When Sitrep first started on this Redis: {@code now} if this is the first time, else what was recorded then. */
    public Instant since(Instant now) {
        Object since = RedisCalls.call(() -> jedis.eval(SINCE, List.of(RedisKeys.HEARTBEAT_SINCE),
                List.of(Long.toString(now.toEpochMilli()))));
        return Instant.ofEpochMilli(Long.parseLong(String.valueOf(since)));
    }

    /**
     * One beat of {@code name} at {@code at} (a late-arriving older beat does not move the last
     * one back); ends its silence, if it was silent.
     */
    public Beat beat(String name, Instant at) {
        Object answer = RedisCalls.call(() -> jedis.eval(BEAT, List.of(RedisKeys.HEARTBEAT_LAST,
                RedisKeys.HEARTBEAT_SILENT), List.of(name, Long.toString(at.toEpochMilli()))));
        List<?> parts = (List<?>) answer;
        String previous = String.valueOf(parts.get(0));
        String silence = String.valueOf(parts.get(1));
        return new Beat(previous.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(previous)),
                silence.isEmpty() ? null : silence);
    }

    /** Every heartbeat's last beat and every silence's marker. */
    public Reading read() {
        Object answer = RedisCalls.call(() -> jedis.eval(READ, List.of(RedisKeys.HEARTBEAT_LAST,
                RedisKeys.HEARTBEAT_SILENT), List.of()));
        List<?> parts = (List<?>) answer;
        Map<String, Instant> last = new LinkedHashMap<>();
        pairs(parts.get(0)).forEach((name, millis) -> last.put(name, Instant.ofEpochMilli(Long.parseLong(millis))));
        return new Reading(last, pairs(parts.get(1)));
    }

    /**
     * Takes the silence of {@code name} with {@code marker} if it is overdue — its last beat (or
     * {@code since}, never beaten) before {@code missedBefore} — and nobody took it yet.
     *
     * @return empty when it is not overdue (it beat in the meantime); else the silence's marker,
     *         {@code marker} itself when this call took it
     */
    public Optional<String> claim(String name, Instant missedBefore, Instant since, String marker) {
        Object held = RedisCalls.call(() -> jedis.eval(CLAIM, List.of(RedisKeys.HEARTBEAT_LAST,
                RedisKeys.HEARTBEAT_SILENT), List.of(name, Long.toString(missedBefore.toEpochMilli()),
                Long.toString(since.toEpochMilli()), marker)));
        return Optional.ofNullable(held).map(String::valueOf);
    }

    /** Replaces the silence's marker if it is still {@code expected}; false when a beat ended it or another took it. */
    public boolean swap(String name, String expected, String replacement) {
        Object swapped = RedisCalls.call(() -> jedis.eval(SWAP, List.of(RedisKeys.HEARTBEAT_SILENT),
                List.of(name, expected, replacement)));
        return Long.valueOf(1L).equals(swapped);
    }

    private static Map<String, String> pairs(Object flat) {
        Map<String, String> map = new LinkedHashMap<>();
        List<?> list = (List<?>) flat;
        for (int i = 0; i + 1 < list.size(); i += 2) {
            map.put(String.valueOf(list.get(i)), String.valueOf(list.get(i + 1)));
        }
        return map;
    }

    /**
     * What one beat found: the beat before it (null: never beaten), and the marker of the silence
     * it ended (null: it was not silent).
     */
    public record Beat(Instant previous, String silence) {
    }

    /** Last beats by name, and silence markers by name. */
    public record Reading(Map<String, Instant> lastBeats, Map<String, String> silences) {

        public Reading {
            lastBeats = Map.copyOf(lastBeats);
            silences = Map.copyOf(silences);
        }
    }
}
