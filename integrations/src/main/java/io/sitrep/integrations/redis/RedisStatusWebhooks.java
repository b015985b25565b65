package io.sitrep.integrations.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import redis.clients.jedis.UnifiedJedis;

/**
 * The status page's webhook subscribers and what each is owed: one fan-out record per
 * (public post, subscriber), due at a time of its own, so a subscriber that fails waits alone.
 * Every key is under {@code sitrep:{status-webhooks}:} (one slot), so each step is one script:
 * <ul>
 * <li>{@code hooks} hash id → the subscriber as JSON (its secret with it: posts are signed with it);
 *     {@code disabled} id → when and why it was given up; {@code failing} id → since when its
 *     posts fail (cleared by one that gets through); {@code last-error} id → the latest failure</li>
 * <li>{@code records} hash record id → the owed post as JSON; {@code attempts} record id → tries
 *     so far; {@code due} sorted set record id → when it is next tried (pushed out by a lease
 *     while one replica sends it); {@code pending:<hook>} set of the hook's record ids</li>
 * <li>{@code made:<record id>}: that the record was once made, kept for {@link #MADE_FOR}, so a
 *     fan-out run again (a crash before its step was marked) makes none twice</li>
 * </ul>
 */
public final class RedisStatusWebhooks {

    /** Far longer than a delivery step is retried before it is given up. */
    static final Duration MADE_FOR = Duration.ofDays(7);
    private static final String P = RedisKeys.STATUS_WEBHOOKS;
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** KEYS: hooks, disabled, last-error. Every subscriber and its state, in one read. */
    private static final String READ = """
            return {redis.call('HGETALL', KEYS[1]), redis.call('HGETALL', KEYS[2]), redis.call('HGETALL', KEYS[3])}
            """;
    /**
     * KEYS: hooks, disabled, records, due. ARGV: prefix, made-for seconds, now millis, then
     * (record id, hook id, record JSON) triples. Makes each record once, for a hook still there
     * and enabled; the number made.
     */
    private static final String FAN_OUT = """
            local made = 0
            for i = 4, #ARGV, 3 do
              local record, hook = ARGV[i], ARGV[i + 1]
              if redis.call('HEXISTS', KEYS[1], hook) == 1 and redis.call('HEXISTS', KEYS[2], hook) == 0
                  and redis.call('SET', ARGV[1] .. 'made:' .. record, '1', 'NX', 'EX', ARGV[2]) then
                redis.call('HSET', KEYS[3], record, ARGV[i + 2])
                redis.call('ZADD', KEYS[4], ARGV[3], record)
                redis.call('SADD', ARGV[1] .. 'pending:' .. hook, record)
                made = made + 1
              end
            end
            return made
            """;
    /**
     * KEYS: due, records, hooks, disabled, attempts. ARGV: prefix, now millis, lease end millis,
     * max. Due records, each leased (its due time pushed to the lease's end); those of hooks
     * removed or disabled meanwhile are dropped. Triples of record id, JSON and tries so far, then
     * when the next record is due (millis; a leased one when its lease ends), or empty for none.
     */
    private static final String CLAIM = """
            local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[2], 'LIMIT', 0, tonumber(ARGV[4]))
            local out = {}
            for _, id in ipairs(ids) do
              local record = redis.call('HGET', KEYS[2], id)
              local hook = record and cjson.decode(record).hook
              if hook and redis.call('HEXISTS', KEYS[3], hook) == 1 and redis.call('HEXISTS', KEYS[4], hook) == 0 then
                redis.call('ZADD', KEYS[1], ARGV[3], id)
                table.insert(out, id)
                table.insert(out, record)
                table.insert(out, redis.call('HGET', KEYS[5], id) or '0')
              else
                redis.call('ZREM', KEYS[1], id)
                redis.call('HDEL', KEYS[2], id)
                redis.call('HDEL', KEYS[5], id)
                if hook then redis.call('SREM', ARGV[1] .. 'pending:' .. hook, id) end
              end
            end
            local next = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
            table.insert(out, next[2] or '')
            return out
            """;
    /** KEYS: due, records, attempts, failing, last-error. ARGV: prefix, record id, hook id. */
    private static final String SENT = """
            redis.call('ZREM', KEYS[1], ARGV[2])
            redis.call('HDEL', KEYS[2], ARGV[2])
            redis.call('HDEL', KEYS[3], ARGV[2])
            redis.call('SREM', ARGV[1] .. 'pending:' .. ARGV[3], ARGV[2])
            redis.call('HDEL', KEYS[4], ARGV[3])
            redis.call('HDEL', KEYS[5], ARGV[3])
            return 1
            """;
    /**
     * KEYS: due, records, attempts, failing, last-error. ARGV: record id, hook id, now millis,
     * error, retry millis. The hook's failing-since millis.
     */
    private static final String FAILED = """
            redis.call('HSETNX', KEYS[4], ARGV[2], ARGV[3])
            redis.call('HSET', KEYS[5], ARGV[2], ARGV[4])
            if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 then
              redis.call('HINCRBY', KEYS[3], ARGV[1], 1)
              redis.call('ZADD', KEYS[1], ARGV[5], ARGV[1])
            end
            return redis.call('HGET', KEYS[4], ARGV[2])
            """;
    /**
     * KEYS: hooks, disabled, failing, due, records, attempts. ARGV: prefix, hook id, disabled JSON
     * (empty: remove the hook). 1 when this call disabled or removed it; its owed records go.
     */
    private static final String DROP = """
            if redis.call('HEXISTS', KEYS[1], ARGV[2]) == 0 then return 0 end
            if ARGV[3] == '' then
              redis.call('HDEL', KEYS[1], ARGV[2])
              redis.call('HDEL', KEYS[2], ARGV[2])
            elseif redis.call('HSETNX', KEYS[2], ARGV[2], ARGV[3]) == 0 then
              return 0
            end
            redis.call('HDEL', KEYS[3], ARGV[2])
            local pending = ARGV[1] .. 'pending:' .. ARGV[2]
            for _, id in ipairs(redis.call('SMEMBERS', pending)) do
              redis.call('ZREM', KEYS[4], id)
              redis.call('HDEL', KEYS[5], id)
              redis.call('HDEL', KEYS[6], id)
            end
            redis.call('DEL', pending)
            return 1
            """;
    /** KEYS: hooks, disabled, failing, last-error. ARGV: hook id. 1 when the hook is there (now enabled). */
    private static final String ENABLE = """
            if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
            redis.call('HDEL', KEYS[2], ARGV[1])
            redis.call('HDEL', KEYS[3], ARGV[1])
            redis.call('HDEL', KEYS[4], ARGV[1])
            return 1
            """;

    /**
     * A subscriber.
     *
     * @param components the components it hears of; empty for all
     */
    public record Webhook(String id, String url, String secret, List<String> components, Instant createdAt) {
        public Webhook {
            components = components == null ? List.of() : List.copyOf(components);
        }
    }

    /** A subscriber as the admins see it (its secret with it: the caller leaves it out). */
    public record Listed(Webhook webhook, Instant disabledAt, String lastError) {
        public boolean enabled() {
            return disabledAt == null;
        }
    }

    /**
     * One post owed to one subscriber.
     *
     * @param messageId its {@code webhook-id}, the same on every try
     * @param incident  the incident it tells of
     * @param body      the JSON posted
     */
    public record Owed(String hook, String messageId, String incident, String body) {
    }

    /** What a claim took, and when the next record is due (empty: none is owed). */
    public record Claim(List<Claimed> claimed, Optional<Instant> nextDue) {
    }

    /** An owed post this replica holds until its lease ends, and how often it was tried before. */
    public record Claimed(String id, Owed owed, int tries) {
    }

    /** What a failure left: since when the hook fails. */
    public record Failure(Instant failingSince) {
    }

    private record Disabled(Instant at, String error) {
    }

    private final UnifiedJedis jedis;

    public RedisStatusWebhooks(RedisConnection connection) {
        this.jedis = connection.jedis();
    }

    public void add(Webhook webhook) {
        RedisCalls.call(() -> jedis.hset(P + "hooks", webhook.id(), write(webhook)));
    }

    /** Every subscriber, oldest first. */
    public List<Listed> all() {
        List<?> read = (List<?>) RedisCalls.call(() -> jedis.eval(READ, List.of(P + "hooks", P + "disabled",
                P + "last-error"), List.of()));
        Map<String, String> hooks = pairs(read.get(0));
        Map<String, String> disabled = pairs(read.get(1));
        Map<String, String> errors = pairs(read.get(2));
        List<Listed> all = new ArrayList<>();
        for (String json : hooks.values()) {
            Webhook webhook = read(json, Webhook.class);
            Disabled off = disabled.containsKey(webhook.id()) ? read(disabled.get(webhook.id()), Disabled.class) : null;
            all.add(new Listed(webhook, off == null ? null : off.at(),
                    off != null ? off.error() : errors.get(webhook.id())));
        }
        all.sort(java.util.Comparator.comparing((Listed l) -> l.webhook().createdAt()).thenComparing(l -> l.webhook().id()));
        return all;
    }

    private static Map<String, String> pairs(Object flat) {
        List<?> list = (List<?>) flat;
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < list.size(); i += 2) {
            map.put(String.valueOf(list.get(i)), String.valueOf(list.get(i + 1)));
        }
        return map;
    }

    public Optional<Listed> find(String id) {
        return all().stream().filter(l -> l.webhook().id().equals(id)).findFirst();
    }

    /** The subscriber by its id, for a post to it (enabled or not). */
    public Optional<Webhook> webhook(String id) {
        return Optional.ofNullable(RedisCalls.call(() -> jedis.hget(P + "hooks", id))).map(json -> read(json, Webhook.class));
    }

    /** Removes the subscriber and what it is owed; false when there is none by that id. */
    public boolean remove(String id) {
        return drop(id, "");
    }

    /** Gives the subscriber up; true only for the call that did (it tells the admins). */
    public boolean disable(String id, Instant at, String error) {
        return drop(id, write(new Disabled(at, error)));
    }

    private boolean drop(String id, String disabled) {
        Object answer = RedisCalls.call(() -> jedis.eval(DROP, List.of(P + "hooks", P + "disabled", P + "failing",
                P + "due", P + "records", P + "attempts"), List.of(P, id, disabled)));
        return Long.valueOf(1).equals(answer);
    }

    /** Enables a disabled subscriber again, its failures forgotten; false when there is none by that id. */
    public boolean enable(String id) {
        Object answer = RedisCalls.call(() -> jedis.eval(ENABLE, List.of(P + "hooks", P + "disabled", P + "failing",
                P + "last-error"), List.of(id)));
        return Long.valueOf(1).equals(answer);
    }

    /**
     * Makes the records of one post, one per subscriber in {@code owed}, each once whoever calls
     * (their ids are {@code post}, a colon and the hook's id), due {@code now}; the number made.
     */
    public int fanOut(String post, List<Owed> owed, Instant now) {
        if (owed.isEmpty()) {
            return 0;
        }
        List<String> args = new ArrayList<>(List.of(P, Long.toString(MADE_FOR.toSeconds()),
                Long.toString(now.toEpochMilli())));
        for (Owed one : owed) {
            args.add(post + ":" + one.hook());
            args.add(one.hook());
            args.add(write(one));
        }
        Object made = RedisCalls.call(() -> jedis.eval(FAN_OUT, List.of(P + "hooks", P + "disabled", P + "records",
                P + "due"), args));
        return ((Long) made).intValue();
    }

    /** Up to {@code max} due records, held by the caller until {@code now + lease}. */
    public Claim claim(Instant now, Duration lease, int max) {
        Object answer = RedisCalls.call(() -> jedis.eval(CLAIM, List.of(P + "due", P + "records", P + "hooks",
                P + "disabled", P + "attempts"), List.of(P, Long.toString(now.toEpochMilli()),
                Long.toString(now.plus(lease).toEpochMilli()), Integer.toString(max))));
        List<?> parts = (List<?>) answer;
        List<Claimed> claimed = new ArrayList<>();
        for (int i = 0; i + 2 < parts.size(); i += 3) {
            claimed.add(new Claimed(String.valueOf(parts.get(i)), read(String.valueOf(parts.get(i + 1)), Owed.class),
                    Integer.parseInt(String.valueOf(parts.get(i + 2)))));
        }
        String next = String.valueOf(parts.get(parts.size() - 1));
        return new Claim(claimed, next.isEmpty() ? Optional.empty()
                : Optional.of(Instant.ofEpochMilli((long) Double.parseDouble(next))));
    }

    /** The record went out: it is gone, and its hook fails no more. */
    public void sent(Claimed record) {
        RedisCalls.call(() -> jedis.eval(SENT, List.of(P + "due", P + "records", P + "attempts", P + "failing",
                P + "last-error"), List.of(P, record.id(), record.owed().hook())));
    }

    /** The record did not go out: tried again at {@code retryAt} (unless it was dropped meanwhile). */
    public Failure failed(Claimed record, String error, Instant now, Instant retryAt) {
        Object answer = RedisCalls.call(() -> jedis.eval(FAILED, List.of(P + "due", P + "records", P + "attempts",
                P + "failing", P + "last-error"), List.of(record.id(), record.owed().hook(),
                Long.toString(now.toEpochMilli()), error, Long.toString(retryAt.toEpochMilli()))));
        return new Failure(Instant.ofEpochMilli(Long.parseLong(String.valueOf(answer))));
    }

    /** How many subscribers there are, enabled or not. */
    public long count() {
        return RedisCalls.call(() -> jedis.hlen(P + "hooks"));
    }

    /** How many records are owed, to every subscriber together. */
    public long owed() {
        return RedisCalls.call(() -> jedis.hlen(P + "records"));
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a record of strings always writes", e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored status webhook record does not read: " + e.getMessage(), e);
        }
    }
}
