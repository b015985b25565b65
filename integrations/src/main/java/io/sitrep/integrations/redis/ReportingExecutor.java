package io.sitrep.integrations.redis;

import io.sitrep.incident.store.StoreUnavailableException;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.executors.CommandExecutor;

/**
 * Tells {@link RedisCallOutcomes} how each command went, then answers or fails as it would
 * have: the callers' own handling of a failure is unchanged.
 */
final class ReportingExecutor implements CommandExecutor {

    private final CommandExecutor delegate;
    private volatile RedisCallOutcomes outcomes = RedisCallOutcomes.NONE;

    ReportingExecutor(CommandExecutor delegate) {
        this.delegate = delegate;
    }

    void reportTo(RedisCallOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    @Override
    public <T> T executeCommand(CommandObject<T> commandObject) {
        return reported(() -> delegate.executeCommand(commandObject));
    }

    @Override
    public <T> T broadcastCommand(CommandObject<T> commandObject) {
        return reported(() -> delegate.broadcastCommand(commandObject));
    }

    private <T> T reported(java.util.function.Supplier<T> command) {
        T answer;
        try {
            answer = command.get();
        } catch (JedisException e) {
            if (RedisCalls.unavailableOrRethrow(e) instanceof StoreUnavailableException unavailable) {
                outcomes.unavailable(unavailable);
            }
            throw e;
        }
        outcomes.answered();
        return answer;
    }

    @Override
    public void close() throws Exception {
        delegate.close();
    }
}
