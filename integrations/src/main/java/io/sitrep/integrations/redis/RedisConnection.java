package io.sitrep.integrations.redis;

import java.net.URI;
import java.time.Duration;

import redis.clients.jedis.CommandObjects;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.executors.DefaultCommandExecutor;
import redis.clients.jedis.providers.PooledConnectionProvider;
import redis.clients.jedis.util.JedisURIHelper;

/** A pooled Jedis client for one Redis URL, with its round trips counted. */
public final class RedisConnection implements AutoCloseable {

    private final UnifiedJedis jedis;
    private final RoundTripCounter counter;
    private final String description;

    private RedisConnection(UnifiedJedis jedis, RoundTripCounter counter, String description) {
        this.jedis = jedis;
        this.counter = counter;
        this.description = description;
    }

    /** Opens a pool for {@code redis://[user:password@]host:port[/db]} or {@code rediss://…}. */
    public static RedisConnection open(String url) {
        URI uri = URI.create(url.trim());
        if (!JedisURIHelper.isValid(uri) || !(JedisURIHelper.isRedisScheme(uri) || JedisURIHelper.isRedisSSLScheme(uri))) {
            throw new IllegalArgumentException("sitrep.redis.url must look like redis://host:port/db");
        }
        HostAndPort address = JedisURIHelper.getHostAndPort(uri);
        DefaultJedisClientConfig config = DefaultJedisClientConfig.builder()
                .user(JedisURIHelper.getUser(uri))
                .password(JedisURIHelper.getPassword(uri))
                .database(JedisURIHelper.getDBIndex(uri))
                .ssl(JedisURIHelper.isRedisSSLScheme(uri))
                .connectionTimeoutMillis(2_000)
                .socketTimeoutMillis(5_000)
                .clientName("sitrep")
                .build();
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(32);
        pool.setMaxIdle(32);
        pool.setMaxWait(Duration.ofSeconds(2));
        PooledConnectionProvider provider = new PooledConnectionProvider(address, config, pool);
        RoundTripCounter counter = new RoundTripCounter(new DefaultCommandExecutor(provider));
        UnifiedJedis jedis = new UnifiedJedis(counter, provider, new CommandObjects());
        // Never the password: only where Sitrep stores its incidents.
        return new RedisConnection(jedis, counter, address + "/" + JedisURIHelper.getDBIndex(uri));
    }

    public UnifiedJedis jedis() {
        return jedis;
    }

    /** Whether Redis answers a PING now (within the connection and socket timeouts). */
    public boolean answers() {
        try {
            return "PONG".equals(jedis.ping());
        } catch (JedisException e) {
            return false;
        }
    }

    public RoundTripCounter counter() {
        return counter;
    }

    @Override
    public String toString() {
        return "redis " + description;
    }

    @Override
    public void close() {
        jedis.close();
    }
}
