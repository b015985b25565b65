package io.sitrep.integrations.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * The status page's mail subscribers and the fan-outs of posts to them. Every key is in the
 * {@code {subscribers}} slot ({@code sitrep:{subscribers}:…}), so each step below is one script
 * on Redis Cluster too:
 * <ul>
 * <li>{@code sub:<id>}: hash of one subscription (address, components — none for all —,
 *     confirmed, created, the address's hash); an unconfirmed one expires;</li>
 * <li>{@code by-address}: hash, SHA-256 of the address → id (what an expired subscription
 *     leaves there is ignored and overwritten); {@code all}: sorted set of ids by creation;</li>
 * <li>{@code every} and {@code component:<name>}: the confirmed ids per component ({@code every}
 *     for those who chose none, meaning all);</li>
 * <li>{@code job:<id>} (the post), {@code job:<id>:pending} (ids still owed),
 *     {@code job:<id>:inflight} (ids claimed, by lease deadline), {@code jobs} (the open
 *     fan-outs), {@code job-made:<id>} (that the fan-out was made: a second try makes none);</li>
 * <li>{@code rate:<kind>:<key>}: counters of the subscribe form, expiring.</li>
 * </ul>
 */
public final class RedisSubscribers {

    private static final String P = RedisKeys.SUBSCRIBERS;

    /** Lua helpers: the sets a subscription's components put it in. */
    private static final String SETS = """
            local function sets(prefix, components)
              local out = {}
              for name in string.gmatch(components or '', '[^\\n]+') do
                table.insert(out, prefix .. 'component:' .. name)
              end
              if #out == 0 then out = {prefix .. 'every'} end
              return out
            end
            local function join(prefix, id, components)
              for _, key in ipairs(sets(prefix, components)) do redis.call('SADD', key, id) end
            end
            local function leave(prefix, id, components)
              for _, key in ipairs(sets(prefix, components)) do redis.call('SREM', key, id) end
            end
            """;
    /** ARGV: prefix, address hash, new id, address, components, now millis, expire millis. */
    private static final String SUBSCRIBE = """
            local p = ARGV[1]
            local id = redis.call('HGET', p .. 'by-address', ARGV[2])
            if id and redis.call('EXISTS', p .. 'sub:' .. id) == 1 then
              local sub = p .. 'sub:' .. id
              if redis.call('HGET', sub, 'confirmed') == '1' then return {id, 'confirmed'} end
              redis.call('HSET', sub, 'components', ARGV[5])
              redis.call('PEXPIRE', sub, ARGV[7])
              return {id, 'pending'}
            end
            local sub = p .. 'sub:' .. ARGV[3]
            redis.call('HSET', sub, 'address', ARGV[4], 'components', ARGV[5], 'confirmed', '0', 'created', ARGV[6],
              'hash', ARGV[2])
            redis.call('PEXPIRE', sub, ARGV[7])
            redis.call('HSET', p .. 'by-address', ARGV[2], ARGV[3])
            redis.call('ZADD', p .. 'all', ARGV[6], ARGV[3])
            return {ARGV[3], 'new'}
            """;
    /** ARGV: prefix, id. 1 when it was there to confirm. */
    private static final String CONFIRM = SETS + """
            local sub = ARGV[1] .. 'sub:' .. ARGV[2]
            if redis.call('EXISTS', sub) == 0 then return 0 end
            redis.call('HSET', sub, 'confirmed', '1')
            redis.call('PERSIST', sub)
            join(ARGV[1], ARGV[2], redis.call('HGET', sub, 'components'))
            return 1
            """;
    /** ARGV: prefix, id, components. */
    private static final String CHOOSE = SETS + """
            local sub = ARGV[1] .. 'sub:' .. ARGV[2]
            if redis.call('EXISTS', sub) == 0 then return 0 end
            local confirmed = redis.call('HGET', sub, 'confirmed') == '1'
            if confirmed then leave(ARGV[1], ARGV[2], redis.call('HGET', sub, 'components')) end
            redis.call('HSET', sub, 'components', ARGV[3])
            if confirmed then join(ARGV[1], ARGV[2], ARGV[3]) end
            return 1
            """;
    /** ARGV: prefix, id. Deleted, not flagged: nothing of the address stays. */
    private static final String REMOVE = SETS + """
            local sub = ARGV[1] .. 'sub:' .. ARGV[2]
            redis.call('ZREM', ARGV[1] .. 'all', ARGV[2])
            if redis.call('EXISTS', sub) == 0 then return 0 end
            leave(ARGV[1], ARGV[2], redis.call('HGET', sub, 'components'))
            local hash = redis.call('HGET', sub, 'hash')
            if hash and redis.call('HGET', ARGV[1] .. 'by-address', hash) == ARGV[2] then
              redis.call('HDEL', ARGV[1] .. 'by-address', hash)
            end
            redis.call('DEL', sub)
            return 1
            """;
    /** ARGV: prefix, offset, count. Total, then id, address, components, confirmed, created for each. */
    private static final String LIST = """
            local p = ARGV[1]
            local ids = redis.call('ZRANGE', p .. 'all', ARGV[2], ARGV[2] + ARGV[3] - 1)
            local out = {redis.call('ZCARD', p .. 'all')}
            for _, id in ipairs(ids) do
              local f = redis.call('HMGET', p .. 'sub:' .. id, 'address', 'components', 'confirmed', 'created')
              if f[1] then
                table.insert(out, id); table.insert(out, f[1]); table.insert(out, f[2] or '')
                table.insert(out, f[3]); table.insert(out, f[4])
              end
            end
            return out
            """;
    /** KEYS: counter. ARGV: window millis. The count including this one. */
    private static final String COUNT = """
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return n
            """;
    /** ARGV: prefix, job, post, components, marker millis. Recipients snapshotted, or -1 when made before. */
    private static final String START = SETS + """
            local p, job = ARGV[1], ARGV[2]
            if not redis.call('SET', p .. 'job-made:' .. job, '1', 'NX', 'PX', ARGV[5]) then return -1 end
            local from = sets(p, ARGV[4])
            if ARGV[4] ~= '' then table.insert(from, p .. 'every') end
            local n = redis.call('SUNIONSTORE', p .. 'job:' .. job .. ':pending', unpack(from))
            if n == 0 then return 0 end
            redis.call('HSET', p .. 'job:' .. job, 'post', ARGV[3])
            redis.call('SADD', p .. 'jobs', job)
            return n
            """;
    /**
     * ARGV: prefix, job, now millis, deadline millis, count. Claims were their lease ran out go
     * back to the pending ones first. Answers the job's state ({@code done}, {@code busy}: others
     * hold the rest, {@code claimed}), its post, then id and address of each recipient claimed.
     * A recipient who left since the snapshot is dropped.
     */
    private static final String CLAIM = """
            local p, job = ARGV[1], ARGV[2]
            local pending, inflight = p .. 'job:' .. job .. ':pending', p .. 'job:' .. job .. ':inflight'
            for _, id in ipairs(redis.call('ZRANGEBYSCORE', inflight, '-inf', ARGV[3])) do
              redis.call('ZREM', inflight, id)
              redis.call('SADD', pending, id)
            end
            local post = redis.call('HGET', p .. 'job:' .. job, 'post') or ''
            local out = {'claimed', post}
            for _, id in ipairs(redis.call('SPOP', pending, ARGV[5])) do
              local f = redis.call('HMGET', p .. 'sub:' .. id, 'address', 'confirmed')
              if f[1] and f[2] == '1' then
                redis.call('ZADD', inflight, ARGV[4], id)
                table.insert(out, id); table.insert(out, f[1])
              end
            end
            if #out > 2 then return out end
            if redis.call('SCARD', pending) > 0 then return {'claimed', post} end
            if redis.call('ZCARD', inflight) > 0 then return {'busy', post} end
            redis.call('DEL', p .. 'job:' .. job, pending, inflight)
            redis.call('SREM', p .. 'jobs', job)
            return {'done', post}
            """;
    /** ARGV: prefix, job, deadline millis, ids… Back to pending (deadline 0) or their lease renewed. */
    private static final String HOLD = """
            local pending, inflight = ARGV[1] .. 'job:' .. ARGV[2] .. ':pending', ARGV[1] .. 'job:' .. ARGV[2] .. ':inflight'
            for i = 4, #ARGV do
              if redis.call('ZSCORE', inflight, ARGV[i]) then
                if ARGV[3] == '0' then
                  redis.call('ZREM', inflight, ARGV[i]); redis.call('SADD', pending, ARGV[i])
                else
                  redis.call('ZADD', inflight, ARGV[3], ARGV[i])
                end
              end
            end
            return 1
            """;

    private final UnifiedJedis jedis;

    public RedisSubscribers(RedisConnection connection) {
        this.jedis = connection.jedis();
    }

    /** The secret that signs subscribers' links, {@code fresh} becoming it when there is none (first replica wins). */
    public String secret(String fresh) {
        RedisCalls.call(() -> jedis.set(P + "secret", fresh, SetParams.setParams().nx()));
        return RedisCalls.call(() -> jedis.get(P + "secret"));
    }

    /**
     * Subscribes {@code address} to {@code components} (none: all) as {@code newId}, unconfirmed
     * until {@link #confirm} and gone after {@code confirmWithin} without it. An address already
     * waiting for its confirmation takes the new components and waits anew; a confirmed one is
     * left as it is.
     */
    public Subscribed subscribe(String newId, String address, List<String> components, Instant now,
                                Duration confirmWithin) {
        List<?> answer = (List<?>) RedisCalls.call(() -> jedis.eval(SUBSCRIBE, List.of(), List.of(P,
                addressHash(address), newId, address, String.join("\n", components),
                Long.toString(now.toEpochMilli()), Long.toString(confirmWithin.toMillis()))));
        return new Subscribed(String.valueOf(answer.get(0)),
                Subscribed.Standing.valueOf(String.valueOf(answer.get(1)).toUpperCase(Locale.ROOT)));
    }

    public Optional<Subscription> find(String id) {
        List<String> fields = RedisCalls.call(() -> jedis.hmget(P + "sub:" + id, "address", "components", "confirmed",
                "created"));
        if (fields.get(0) == null) {
            return Optional.empty();
        }
        return Optional.of(subscription(id, fields.get(0), fields.get(1), fields.get(2), fields.get(3)));
    }

    /** Confirms it: from now on it receives posts. False when there is no such subscription (expired, removed). */
    public boolean confirm(String id) {
        return one(CONFIRM, id);
    }

    /** Its components from now on (none: all). */
    public boolean choose(String id, List<String> components) {
        return Long.valueOf(1L).equals(RedisCalls.call(() -> jedis.eval(CHOOSE, List.of(),
                List.of(P, id, String.join("\n", components)))));
    }

    /** Deletes it and every trace of its address. False when there was none. */
    public boolean remove(String id) {
        return one(REMOVE, id);
    }

    /** Subscriptions oldest first, {@code count} from {@code offset}, and how many there are. */
    public Listing list(int offset, int count) {
        List<?> answer = (List<?>) RedisCalls.call(() -> jedis.eval(LIST, List.of(), List.of(P,
                Integer.toString(offset), Integer.toString(count))));
        List<Subscription> found = new ArrayList<>();
        for (int i = 1; i + 4 < answer.size(); i += 5) {
            found.add(subscription(String.valueOf(answer.get(i)), String.valueOf(answer.get(i + 1)),
                    String.valueOf(answer.get(i + 2)), String.valueOf(answer.get(i + 3)), String.valueOf(answer.get(i + 4))));
        }
        return new Listing(((Number) answer.get(0)).longValue(), found);
    }

    /** Counts one more use of {@code kind} by {@code key} in a window starting at its first use; the count so far. */
    public long count(String kind, String key, Duration window) {
        String counter = P + "rate:" + kind + ":" + addressHash(key);
        return ((Number) RedisCalls.call(() -> jedis.eval(COUNT, List.of(counter),
                List.of(Long.toString(window.toMillis()))))).longValue();
    }

    // ---- fan-outs ------------------------------------------------------------------------------

    /**
     * Makes fan-out {@code job} of {@code post} to the confirmed subscribers of {@code components}
     * as they are now (and of all components) — once: a second call for the same job makes
     * nothing, for as long as {@code remembered}.
     *
     * @return the recipients, 0 for none, -1 when the job was made before
     */
    public long startFanout(String job, String post, List<String> components, Duration remembered) {
        return ((Number) RedisCalls.call(() -> jedis.eval(START, List.of(), List.of(P, job, post,
                String.join("\n", components), Long.toString(remembered.toMillis()))))).longValue();
    }

    /** The fan-outs with recipients still owed. */
    public List<String> fanouts() {
        return List.copyOf(RedisCalls.call(() -> jedis.smembers(P + "jobs")));
    }

    /** Up to {@code count} recipients of {@code job}, each held until {@code deadline} unless {@link #sent}. */
    public Claim claim(String job, Instant now, Instant deadline, int count) {
        List<?> answer = (List<?>) RedisCalls.call(() -> jedis.eval(CLAIM, List.of(), List.of(P, job,
                Long.toString(now.toEpochMilli()), Long.toString(deadline.toEpochMilli()), Integer.toString(count))));
        List<Recipient> recipients = new ArrayList<>();
        for (int i = 2; i + 1 < answer.size(); i += 2) {
            recipients.add(new Recipient(String.valueOf(answer.get(i)), String.valueOf(answer.get(i + 1))));
        }
        return new Claim(Claim.State.valueOf(String.valueOf(answer.get(0)).toUpperCase(Locale.ROOT)),
                String.valueOf(answer.get(1)), recipients);
    }

    /** {@code id} has its mail of {@code job}: never sent it again. */
    public void sent(String job, String id) {
        RedisCalls.call(() -> jedis.zrem(P + "job:" + job + ":inflight", id));
    }

    /** Gives the claims back, for whoever tries next. */
    public void release(String job, List<String> ids) {
        hold(job, "0", ids);
    }

    /** Holds the claims until {@code deadline}. */
    public void renew(String job, List<String> ids, Instant deadline) {
        hold(job, Long.toString(deadline.toEpochMilli()), ids);
    }

    private void hold(String job, String deadline, List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>(List.of(P, job, deadline));
        args.addAll(ids);
        RedisCalls.call(() -> jedis.eval(HOLD, List.of(), args));
    }

    private boolean one(String script, String id) {
        return Long.valueOf(1L).equals(RedisCalls.call(() -> jedis.eval(script, List.of(), List.of(P, id))));
    }

    private static Subscription subscription(String id, String address, String components, String confirmed,
                                             String created) {
        List<String> chosen = components == null || components.isEmpty() ? List.of()
                : Arrays.asList(components.split("\n"));
        return new Subscription(id, address, List.copyOf(chosen), "1".equals(confirmed),
                Instant.ofEpochMilli(Long.parseLong(created)));
    }

    /** The address as stored keys know it: a hash, so no key name carries an address. */
    static String addressHash(String address) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(address.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @param components none: every component */
    public record Subscription(String id, String address, List<String> components, boolean confirmed, Instant created) {
    }

    /** What a subscribe did: the subscription it is, and how it stood. */
    public record Subscribed(String id, Standing standing) {
        public enum Standing { NEW, PENDING, CONFIRMED }
    }

    public record Listing(long total, List<Subscription> subscriptions) {
    }

    public record Recipient(String id, String address) {
    }

    /** A claim on a fan-out: its state, its post, the recipients claimed (none when done or held by others). */
    public record Claim(State state, String post, List<Recipient> recipients) {
        public enum State { CLAIMED, BUSY, DONE }
    }
}
