package io.sitrep.integrations.redis;

import io.sitrep.incident.store.StoreUnavailableException;

/**
 * Told how each command sent to Redis went, outside pipelines: answered, or found Redis
 * unavailable (what {@link RedisCalls} turns into a 503). Called on the caller's thread: it
 * must not wait.
 */
public interface RedisCallOutcomes {

    RedisCallOutcomes NONE = new RedisCallOutcomes() {
        @Override
        public void answered() {
        }

        @Override
        public void unavailable(StoreUnavailableException e) {
        }
    };

    void answered();

    void unavailable(StoreUnavailableException e);
}
