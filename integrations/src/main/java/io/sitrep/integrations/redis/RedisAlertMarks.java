package io.sitrep.integrations.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

import io.sitrep.integrations.alerts.AlertMarks;
import redis.clients.jedis.PipelineBase;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * One string per alert, {@code sitrep:seen:alert:<fingerprint>:<status>:<start>}: {@code 1} once
 * recorded (what earlier versions wrote on first sight, read the same way), or
 * {@code pending:<epoch millis>:<attempt>} while an attempt records it. Each key is its own
 * script, so they may live on any Cluster slot; a notification's alerts are marked in one
 * pipelined round trip and flipped to recorded in another.
 */
public final class RedisAlertMarks implements AlertMarks {

    /**
     * KEYS: the mark. ARGV: this attempt's pending mark, now (epoch millis), how long a pending
     * mark is taken for in flight (millis), retention (millis). A pending mark past that age
     * belongs to an attempt that died: it is taken over, as UNFINISHED.
     */
    private static final String TAKE = """
            local mark = redis.call('GET', KEYS[1])
            if mark then
              local since = string.match(mark, '^pending:(%d+):')
              if not since then return 'RECORDED' end
              if tonumber(ARGV[2]) - tonumber(since) < tonumber(ARGV[3]) then return 'IN_FLIGHT' end
            end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[4])
            if mark then return 'UNFINISHED' end
            return 'NEW'
            """;

    /** KEYS: the mark. ARGV: the attempt's pending mark, retention (millis). Aged at once, if still the attempt's. */
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              redis.call('SET', KEYS[1], 'pending:0:released', 'PX', ARGV[2])
            end
            return 1
            """;

    private final UnifiedJedis jedis;
    private final RoundTripCounter counter;
    private final Duration inFlightFor;
    private final Duration retention;

    /**
     * @param inFlightFor how long a pending mark is taken for an attempt still at work: longer
     *                    than any attempt takes, since a live attempt's alerts taken over are
     *                    recorded twice
     * @param retention   how long a mark is kept, long past Alertmanager's retries
     */
    public RedisAlertMarks(RedisConnection connection, Duration inFlightFor, Duration retention) {
        this.jedis = connection.jedis();
        this.counter = connection.counter();
        this.inFlightFor = inFlightFor;
        this.retention = retention;
    }

    @Override
    public Attempt take(List<String> keys, Instant now) {
        String id = "pending:" + now.toEpochMilli() + ":" + UUID.randomUUID();
        List<String> args = List.of(id, Long.toString(now.toEpochMilli()), Long.toString(inFlightFor.toMillis()),
                Long.toString(retention.toMillis()));
        List<Object> answers = pipelined(keys, (pipeline, key) -> pipeline.eval(TAKE, List.of(key), args));
        Map<String, Found> found = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            found.put(keys.get(i), Found.valueOf(String.valueOf(answers.get(i))));
        }
        return new Attempt(id, found);
    }

    @Override
    public void recorded(Attempt attempt) {
        pipelined(attempt.taken(), (pipeline, key) -> pipeline.psetex(key, retention.toMillis(), "1"));
    }

    @Override
    public void release(Attempt attempt) {
        List<String> args = List.of(attempt.id(), Long.toString(retention.toMillis()));
        pipelined(attempt.taken(), (pipeline, key) -> pipeline.eval(RELEASE, List.of(key), args));
    }

    /** One command per alert's mark, all in one round trip (one per master on a cluster); their answers in order. */
    private List<Object> pipelined(List<String> keys, BiFunction<PipelineBase, String, Response<?>> command) {
        if (keys.isEmpty()) {
            return List.of();
        }
        List<Response<?>> responses = new ArrayList<>(keys.size());
        try (PipelineBase pipeline = jedis.pipelined()) {
            for (String key : keys) {
                responses.add(command.apply(pipeline, RedisKeys.SEEN_PREFIX + key));
            }
            pipeline.sync();
            counter.countRoundTrip();
        } catch (JedisException e) {
            throw RedisCalls.unavailableOrRethrow(e);
        }
        List<Object> answers = new ArrayList<>(responses.size());
        responses.forEach(response -> answers.add(RedisCalls.answer(response)));
        return answers;
    }
}
