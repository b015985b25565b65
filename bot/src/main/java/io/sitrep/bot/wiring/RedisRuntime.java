package io.sitrep.bot.wiring;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sitrep.config.StorageSettings;
import io.sitrep.integrations.redis.EmbeddedRedis;
import io.sitrep.integrations.redis.RedisConnection;

/** The Redis Sitrep runs on: the configured one, or an embedded one it starts and stops itself. */
final class RedisRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisRuntime.class);

    private final EmbeddedRedis embedded;
    private final RedisConnection connection;

    private RedisRuntime(EmbeddedRedis embedded, RedisConnection connection) {
        this.embedded = embedded;
        this.connection = connection;
    }

    static RedisRuntime start(StorageSettings settings) {
        StorageSettings.Redis redis = settings.redis();
        if (redis.sentinel().configured()) {
            RedisConnection connection = RedisConnection.openSentinel(redis.sentinel().master(), redis.sentinel().nodes(),
                    redis.url(), redis.waitReplicas());
            log.info("Using {}", connection);
            return new RedisRuntime(null, connection);
        }
        if (redis.cluster().configured()) {
            RedisConnection connection = RedisConnection.openCluster(redis.cluster().nodes(), redis.url(),
                    redis.waitReplicas());
            log.info("Using {}", connection);
            return new RedisRuntime(null, connection);
        }
        if (!redis.embedded()) {
            RedisConnection connection = RedisConnection.open(redis.url()).waitingFor(redis.waitReplicas());
            log.info("Using {}", connection);
            return new RedisRuntime(null, connection);
        }
        EmbeddedRedis embedded = EmbeddedRedis.start(settings.dataDir());
        try {
            return new RedisRuntime(embedded, RedisConnection.open(embedded.url()));
        } catch (RuntimeException e) {
            embedded.close();
            throw e;
        }
    }

    RedisConnection connection() {
        return connection;
    }

    @Override
    public void close() {
        connection.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
