package io.sitrep.integrations.redis;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sitrep.integrations.chat.DeliveryQueue;
import redis.clients.jedis.BuilderFactory;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Waits, in one BLPOP, for a token on the wake lists of some platforms ({@link RedisKeys#outboxWake}):
 * each lane newly made due pushes one, and Redis hands it to the replica that has waited
 * longest, so one worker somewhere wakes for it at once and nobody polls.
 *
 * <p>The BLPOP runs on a connection of its own, never a pooled one, which it would hold for as
 * long as it waits. Its reads give up a little after the BLPOP's own timeout, so a Redis that
 * hangs or vanishes without closing the socket is noticed too. Any failure closes the
 * connection; the next wait opens one to whichever master holds the lists then (after a
 * Sentinel or Cluster failover, the new one). Tokens pushed meanwhile stay in the lists.
 */
final class RedisWakeList implements DeliveryQueue.WorkSignal {

    private static final Logger log = LoggerFactory.getLogger(RedisWakeList.class);
    /** Past the BLPOP's timeout, how long its answer may take before the connection is given up. */
    private static final Duration GRACE = Duration.ofSeconds(2);
    /** How long a wait that could not reach Redis pauses before returning, at most. */
    private static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(1);

    private final RedisConnection redis;
    private final List<String> keys;
    /** Used by the waiting thread only; closed from another to stop it. */
    private volatile Connection blocking;
    private volatile boolean closed;

    RedisWakeList(RedisConnection redis, Collection<String> platforms) {
        if (platforms.isEmpty()) {
            throw new IllegalArgumentException("a wake list needs at least one platform");
        }
        this.redis = redis;
        this.keys = platforms.stream().map(RedisKeys::outboxWake).toList();
    }

    @Override
    public boolean await(Duration timeout) throws InterruptedException {
        if (closed) {
            return false;
        }
        try {
            Connection connection = connection(timeout);
            connection.setSoTimeout((int) timeout.plus(GRACE).toMillis());
            redis.counter().countRoundTrip();
            List<String> popped = connection.executeCommand(blpop(timeout));
            return popped != null && !popped.isEmpty();
        } catch (JedisException e) {
            dropConnection();
            if (closed) {
                return false;
            }
            log.debug("Waiting for delivery wake-ups failed ({}); trying again", e.getMessage());
            redis.masterMayHaveMoved();
            Thread.sleep(Math.min(timeout.toMillis(), PAUSE_AFTER_FAILURE.toMillis()));
            return false;
        }
    }

    private Connection connection(Duration timeout) {
        Connection current = blocking;
        if (current == null || current.isBroken() || !current.isConnected()) {
            dropConnection();
            current = redis.openOwn(keys.get(0), timeout.plus(GRACE));
            blocking = current;
            if (closed) { // closed while opening: nobody else will close this one
                dropConnection();
                throw new redis.clients.jedis.exceptions.JedisConnectionException("closed");
            }
        }
        return current;
    }

    /**
     * Not Jedis' own blpop: that one lifts the socket timeout for as long as it blocks, and a
     * Redis that stops answering would hold this thread forever.
     */
    private CommandObject<List<String>> blpop(Duration timeout) {
        CommandArguments args = new CommandArguments(Protocol.Command.BLPOP).keys(keys);
        args.add(BigDecimal.valueOf(Math.max(1, timeout.toMillis()), 3).toPlainString());
        return new CommandObject<>(args, BuilderFactory.STRING_LIST);
    }

    private void dropConnection() {
        Connection current = blocking;
        blocking = null;
        if (current != null) {
            try {
                current.close();
            } catch (RuntimeException alreadyGone) {
                // Nothing to give back: it was ours alone.
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        dropConnection();
    }
}
