package io.sitrep.integrations.redis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.Tuple;

/**
 * What scheduled maintenance keeps in Redis, as opaque strings. Every key shares the hash tag
 * {@code {maintenance}}, so on Redis Cluster one script writes a window, its indexes and its
 * timeline atomically.
 * <ul>
 * <li>{@code sitrep:{maintenance}:seq}: counter, the last window number handed out ({@code MNT-n})</li>
 * <li>{@code sitrep:{maintenance}:window:<id>}: hash, {@code version} and {@code json} of one window</li>
 * <li>{@code sitrep:{maintenance}:active}: set, ids of windows scheduled or in progress</li>
 * <li>{@code sitrep:{maintenance}:due}: sorted set, id → epoch millis of its next edge (start or end),
 * pushed to a lease's end while an instance handles it</li>
 * <li>{@code sitrep:{maintenance}:recent}: sorted set, id → epoch millis when a window ended or was called off</li>
 * <li>{@code sitrep:{maintenance}:timeline:<id>}: list, the window's own timeline entries</li>
 * <li>{@code sitrep:{maintenance}:seen:<id>}: set, keys of entries recorded once however often they are told</li>
 * <li>{@code sitrep:{maintenance}:posts}: sorted set, post id ({@code MNT-n.<index>}) → epoch millis from
 * when it is to be told beyond the page (subscribers, chat); added by the write that makes the post, pushed to
 * a lease's end while an instance tells it, removed once it is told</li>
 * </ul>
 */
public final class RedisMaintenance {

    private static final String TAG = RedisKeys.PREFIX + "{maintenance}:";
    private static final String SEQ = TAG + "seq";
    private static final String ACTIVE = TAG + "active";
    private static final String DUE = TAG + "due";
    private static final String RECENT = TAG + "recent";
    private static final String POSTS = TAG + "posts";

    /**
     * KEYS: window, active, due, recent, timeline, posts. ARGV: id, expected version, json, new
     * version, active '1' or '0', due millis or '', ended millis or '', the new post's id or '',
     * its millis, then timeline entries.
     */
    private static final String WRITE = """
            local current = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
            if current ~= tonumber(ARGV[2]) then return 0 end
            redis.call('HSET', KEYS[1], 'version', ARGV[4], 'json', ARGV[3])
            if ARGV[5] == '1' then redis.call('SADD', KEYS[2], ARGV[1]) else redis.call('SREM', KEYS[2], ARGV[1]) end
            if ARGV[6] == '' then redis.call('ZREM', KEYS[3], ARGV[1]) else redis.call('ZADD', KEYS[3], ARGV[6], ARGV[1]) end
            if ARGV[7] ~= '' then redis.call('ZADD', KEYS[4], ARGV[7], ARGV[1]) end
            if ARGV[8] ~= '' then redis.call('ZADD', KEYS[6], 'NX', ARGV[9], ARGV[8]) end
            for i = 10, #ARGV do redis.call('RPUSH', KEYS[5], ARGV[i]) end
            return 1
            """;
    /** KEYS: seen, timeline. ARGV: key, entry. Records the entry unless its key was recorded before. */
    private static final String NOTE = """
            if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
            redis.call('RPUSH', KEYS[2], ARGV[2])
            return 1
            """;

    /** One window as stored: its version (0 when there is none) and its JSON. */
    public record Stored(long version, String json) {
    }

    private final UnifiedJedis jedis;

    public RedisMaintenance(RedisConnection connection) {
        this.jedis = connection.jedis();
    }

    private static String window(String id) {
        return TAG + "window:" + id;
    }

    private static String timelineKey(String id) {
        return TAG + "timeline:" + id;
    }

    private static String seen(String id) {
        return TAG + "seen:" + id;
    }

    /** The next window number: 1, 2, … */
    public long nextNumber() {
        return RedisCalls.call(() -> jedis.incr(SEQ));
    }

    /**
     * Writes a window if it is still at {@code expected} (0 for a new one), with its indexes and
     * new timeline entries, in one step.
     *
     * @param dueMillis   when it next needs the clock, or null for never
     * @param endedMillis when it ended or was called off, or null while it has not
     * @param postId      the post this write makes, owed to {@link #claimPosts} from {@code postMillis}; null for none
     * @return false when another write came first
     */
    public boolean write(String id, long expected, String json, boolean active, Long dueMillis, Long endedMillis,
                         String postId, long postMillis, List<String> entries) {
        List<String> args = new ArrayList<>(List.of(id, Long.toString(expected), json, Long.toString(expected + 1),
                active ? "1" : "0", dueMillis == null ? "" : dueMillis.toString(),
                endedMillis == null ? "" : endedMillis.toString(), postId == null ? "" : postId,
                Long.toString(postMillis)));
        args.addAll(entries);
        Object written = RedisCalls.call(() -> jedis.eval(WRITE, List.of(window(id), ACTIVE, DUE, RECENT, timelineKey(id),
                POSTS), args));
        return Long.valueOf(1).equals(written);
    }

    public Optional<Stored> read(String id) {
        Map<String, String> fields = RedisCalls.call(() -> jedis.hgetAll(window(id)));
        if (fields == null || fields.get("json") == null) {
            return Optional.empty();
        }
        return Optional.of(new Stored(Long.parseLong(fields.getOrDefault("version", "0")), fields.get("json")));
    }

    public List<Stored> read(Collection<String> ids) {
        List<Stored> stored = new ArrayList<>(ids.size());
        ids.forEach(id -> read(id).ifPresent(stored::add));
        return stored;
    }

    /** Ids of the windows scheduled or in progress. */
    public List<String> activeIds() {
        return List.copyOf(RedisCalls.call(() -> jedis.smembers(ACTIVE)));
    }

    /** Ids of the windows that ended or were called off at or after {@code sinceMillis}, newest first. */
    public List<String> endedSince(long sinceMillis, int max) {
        return RedisCalls.call(() -> jedis.zrevrangeByScore(RECENT, "+inf", Long.toString(sinceMillis), 0, max));
    }

    /** Records {@code entry} on the window's timeline once, however often the same {@code key} is told. */
    public boolean note(String id, String key, String entry) {
        Object added = RedisCalls.call(() -> jedis.eval(NOTE, List.of(seen(id), timelineKey(id)), List.of(key, entry)));
        return Long.valueOf(1).equals(added);
    }

    public List<String> timeline(String id) {
        return RedisCalls.call(() -> jedis.lrange(timelineKey(id), 0, -1));
    }

    /** Claims up to {@code max} windows due by {@code nowMillis}, hidden from others until {@code leaseUntilMillis}. */
    public List<String> claimDue(long nowMillis, int max, long leaseUntilMillis) {
        return claim(DUE, nowMillis, max, leaseUntilMillis);
    }

    private List<String> claim(String key, long nowMillis, int max, long leaseUntilMillis) {
        Object result = RedisCalls.call(() -> jedis.eval(RedisReminderQueue.CLAIM_SCRIPT, List.of(key), List.of(Long.toString(nowMillis),
                Integer.toString(max), Long.toString(leaseUntilMillis))));
        List<String> claimed = new ArrayList<>();
        if (result instanceof List<?> ids) {
            ids.forEach(id -> claimed.add(String.valueOf(id)));
        }
        return claimed;
    }

    /** Puts a claimed window back at its real due time (null: it needs the clock no more). */
    public void due(String id, Long dueMillis) {
        RedisCalls.call(() -> dueMillis == null ? jedis.zrem(DUE, id) : jedis.zadd(DUE, dueMillis, id));
    }

    /** Claims up to {@code max} posts owed by {@code nowMillis}, hidden from others until {@code leaseUntilMillis}. */
    public List<String> claimPosts(long nowMillis, int max, long leaseUntilMillis) {
        return claim(POSTS, nowMillis, max, leaseUntilMillis);
    }

    /** The post is told: no one claims it again. */
    public void postTold(String postId) {
        RedisCalls.call(() -> jedis.zrem(POSTS, postId));
    }

    /** Epoch millis of the earliest due edge, if any. */
    public Optional<Long> earliestDue() {
        List<Tuple> first = RedisCalls.call(() -> jedis.zrangeWithScores(DUE, 0, 0));
        return first.isEmpty() ? Optional.empty() : Optional.of((long) first.get(0).getScore());
    }
}
