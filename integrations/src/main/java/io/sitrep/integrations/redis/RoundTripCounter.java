package io.sitrep.integrations.redis;

import java.util.concurrent.atomic.LongAdder;

import redis.clients.jedis.CommandObject;
import redis.clients.jedis.executors.CommandExecutor;

/**
 * Counts every command sent to Redis, i.e. every network round trip outside pipelines. The
 * benchmark reads it to report round trips per command; operations see it as a metric.
 */
public final class RoundTripCounter implements CommandExecutor {

    private final CommandExecutor delegate;
    private final LongAdder count = new LongAdder();

    RoundTripCounter(CommandExecutor delegate) {
        this.delegate = delegate;
    }

    @Override
    public <T> T executeCommand(CommandObject<T> commandObject) {
        count.increment();
        return delegate.executeCommand(commandObject);
    }

    /** A keyless command every cluster node must run (PING, FLUSHALL …); one node of one Redis. */
    @Override
    public <T> T broadcastCommand(CommandObject<T> commandObject) {
        count.increment();
        return delegate.broadcastCommand(commandObject);
    }

    /** Pipelines and calls on a chosen node bypass the executor: their code counts each round trip here. */
    void countRoundTrip() {
        count.increment();
    }

    public long roundTrips() {
        return count.sum();
    }

    @Override
    public void close() throws Exception {
        delegate.close();
    }
}
