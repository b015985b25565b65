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
    private final int waitReplicas;

    private RedisConnection(UnifiedJedis jedis, RoundTripCounter counter, String description, int waitReplicas) {
        this.jedis = jedis;
        this.counter = counter;
        this.description = description;
        this.waitReplicas = waitReplicas;
    }

    /** Opens a pool for {@code redis://[user:password@]host:port[/db]} or {@code rediss://…}. */
    public static RedisConnection open(String url) {
        URI uri = uri(url);
        HostAndPort address = JedisURIHelper.getHostAndPort(uri);
        PooledConnectionProvider provider = new PooledConnectionProvider(address, clientConfig(uri), pool());
        RoundTripCounter counter = new RoundTripCounter(new DefaultCommandExecutor(provider));
        UnifiedJedis jedis = new UnifiedJedis(counter, provider, new CommandObjects());
        // Never the password: only where Sitrep stores its incidents.
        return new RedisConnection(jedis, counter, address + "/" + JedisURIHelper.getDBIndex(uri), 0);
    }

    /**
     * Opens a pool to the master Redis Sentinel names, following it through failovers.
     *
     * @param url          credentials, database and scheme for the master ({@code redis://:secret@/0}, host ignored)
     * @param nodes        the sentinels, {@code host:port,host:port,…}
     * @param waitReplicas how many replicas must have each change before it is acknowledged
     */
    public static RedisConnection openSentinel(String master, String nodes, String url, int waitReplicas) {
        URI uri = uri(url == null || url.isBlank() ? "redis://localhost:6379/0" : url);
        java.util.Set<HostAndPort> sentinels = new java.util.LinkedHashSet<>();
        for (String node : nodes.split(",")) {
            if (!node.isBlank()) {
                sentinels.add(HostAndPort.from(node.strip()));
            }
        }
        if (sentinels.isEmpty()) {
            throw new IllegalArgumentException("sitrep.redis.sentinel.nodes must name the sentinels: host:port,host:port");
        }
        DefaultJedisClientConfig sentinelConfig = DefaultJedisClientConfig.builder().connectionTimeoutMillis(2_000)
                .socketTimeoutMillis(2_000).clientName("sitrep").build();
        redis.clients.jedis.providers.SentineledConnectionProvider provider =
                new redis.clients.jedis.providers.SentineledConnectionProvider(master, clientConfig(uri), pool(), sentinels,
                        sentinelConfig);
        RoundTripCounter counter = new RoundTripCounter(new DefaultCommandExecutor(provider));
        UnifiedJedis jedis = new UnifiedJedis(counter, provider, new CommandObjects());
        return new RedisConnection(jedis, counter, "sentinel master " + master + " via " + sentinels + "/"
                + JedisURIHelper.getDBIndex(uri), waitReplicas);
    }

    /** The same connection, acknowledging a change only once {@code replicas} replicas have it. */
    public RedisConnection waitingFor(int replicas) {
        return new RedisConnection(jedis, counter, description, replicas);
    }

    /** How many replicas must have a change before it is acknowledged (0: the master's word is enough). */
    public int waitReplicas() {
        return waitReplicas;
    }

    private static URI uri(String url) {
        URI uri = URI.create(url.trim());
        if (!JedisURIHelper.isValid(uri) || !(JedisURIHelper.isRedisScheme(uri) || JedisURIHelper.isRedisSSLScheme(uri))) {
            throw new IllegalArgumentException("sitrep.redis.url must look like redis://host:port/db");
        }
        return uri;
    }

    private static ConnectionPoolConfig pool() {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(32);
        pool.setMaxIdle(32);
        pool.setMaxWait(Duration.ofSeconds(2));
        return pool;
    }

    private static DefaultJedisClientConfig clientConfig(URI uri) {
        return DefaultJedisClientConfig.builder()
                .user(JedisURIHelper.getUser(uri))
                .password(JedisURIHelper.getPassword(uri))
                .database(JedisURIHelper.getDBIndex(uri))
                .ssl(JedisURIHelper.isRedisSSLScheme(uri))
                .connectionTimeoutMillis(2_000)
                .socketTimeoutMillis(5_000)
                .clientName("sitrep")
                .build();
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
