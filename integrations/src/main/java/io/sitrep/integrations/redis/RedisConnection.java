package io.sitrep.integrations.redis;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import redis.clients.jedis.CommandObjects;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.executors.ClusterCommandExecutor;
import redis.clients.jedis.executors.DefaultCommandExecutor;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.providers.ClusterConnectionProvider;
import redis.clients.jedis.providers.PooledConnectionProvider;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.util.JedisURIHelper;

/** A pooled Jedis client for one Redis, a Sentinel-watched master or a Redis Cluster, with its round trips counted. */
public final class RedisConnection implements AutoCloseable {

    /** How often a cluster's slot map is read again even when no redirection said it moved. */
    private static final Duration CLUSTER_TOPOLOGY_REFRESH = Duration.ofSeconds(5);
    /** A cluster command follows at most this many redirections or lost nodes… */
    private static final int CLUSTER_ATTEMPTS = 5;
    /** …within this long, then fails as "Redis unavailable" (a 503), never waiting out a whole failover. */
    private static final Duration CLUSTER_RETRIES_WITHIN = Duration.ofSeconds(4);

    private final UnifiedJedis jedis;
    private final RoundTripCounter counter;
    private final ReportingExecutor reporting;
    private final String description;
    private final int waitReplicas;
    /** The cluster's masters, or null on one Redis (or a Sentinel master), where one connection sees every key. */
    private final ClusterMasters cluster;
    /** Where a connection outside the pool goes for a key, and how it logs in. */
    private final OwnConnections own;

    private RedisConnection(UnifiedJedis jedis, RoundTripCounter counter, ReportingExecutor reporting,
                            String description, int waitReplicas, ClusterMasters cluster, OwnConnections own) {
        this.jedis = jedis;
        this.counter = counter;
        this.reporting = reporting;
        this.description = description;
        this.waitReplicas = waitReplicas;
        this.cluster = cluster;
        this.own = own;
    }

    /** Opens a pool for {@code redis://[user:password@]host:port[/db]} or {@code rediss://…}. */
    public static RedisConnection open(String url) {
        URI uri = uri(url);
        HostAndPort address = JedisURIHelper.getHostAndPort(uri);
        PooledConnectionProvider provider = new PooledConnectionProvider(address, clientConfig(uri), pool());
        RoundTripCounter counter = new RoundTripCounter(new DefaultCommandExecutor(provider));
        ReportingExecutor reporting = new ReportingExecutor(counter);
        UnifiedJedis jedis = new UnifiedJedis(reporting, provider, new CommandObjects());
        // Never the password: only where Sitrep stores its incidents.
        return new RedisConnection(jedis, counter, reporting, address + "/" + JedisURIHelper.getDBIndex(uri), 0, null,
                new OwnConnections(key -> address, uri));
    }

    /**
     * Opens a pool to the master Redis Sentinel names, following it through failovers.
     *
     * @param url          credentials, database and scheme for the master ({@code redis://:secret@/0}, host ignored)
     * @param nodes        the sentinels, {@code host:port,host:port,…}
     * @param waitReplicas how many replicas must have each change before it is acknowledged
     */
    public static RedisConnection openSentinel(String master, String nodes, String url, int waitReplicas) {
        URI uri = credentialsOnly(url);
        java.util.Set<HostAndPort> sentinels = hostsAndPorts(nodes, "sitrep.redis.sentinel.nodes");
        DefaultJedisClientConfig sentinelConfig = DefaultJedisClientConfig.builder().connectionTimeoutMillis(2_000)
                .socketTimeoutMillis(2_000).clientName("sitrep").build();
        redis.clients.jedis.providers.SentineledConnectionProvider provider =
                new redis.clients.jedis.providers.SentineledConnectionProvider(master, clientConfig(uri), pool(), sentinels,
                        sentinelConfig);
        RoundTripCounter counter = new RoundTripCounter(new DefaultCommandExecutor(provider));
        ReportingExecutor reporting = new ReportingExecutor(counter);
        UnifiedJedis jedis = new UnifiedJedis(reporting, provider, new CommandObjects());
        return new RedisConnection(jedis, counter, reporting, "sentinel master " + master + " via " + sentinels + "/"
                + JedisURIHelper.getDBIndex(uri), waitReplicas, null, new OwnConnections(key -> provider.getCurrentMaster(), uri));
    }

    /**
     * Opens pools to a Redis Cluster, routing each command to the master of its key's slot and
     * following the slot map through failovers and reshards.
     *
     * @param nodes        some of the cluster's nodes, {@code host:port,host:port,…}; the rest are discovered
     * @param url          credentials and scheme ({@code rediss} for TLS), host ignored; a cluster has only database 0
     * @param waitReplicas how many replicas must have each change before it is acknowledged
     */
    public static RedisConnection openCluster(String nodes, String url, int waitReplicas) {
        URI uri = credentialsOnly(url);
        if (JedisURIHelper.getDBIndex(uri) != 0) {
            throw new IllegalArgumentException("Redis Cluster has only database 0, but sitrep.redis.url names database "
                    + JedisURIHelper.getDBIndex(uri));
        }
        java.util.Set<HostAndPort> seeds = hostsAndPorts(nodes, "sitrep.redis.cluster.nodes");
        ClusterConnectionProvider provider = new ClusterConnectionProvider(seeds, clientConfig(uri), pool(),
                CLUSTER_TOPOLOGY_REFRESH);
        RoundTripCounter counter = new RoundTripCounter(
                new ClusterCommandExecutor(provider, CLUSTER_ATTEMPTS, CLUSTER_RETRIES_WITHIN));
        ClusterMasters masters = new ClusterMasters(provider, counter);
        ReportingExecutor reporting = new ReportingExecutor(counter);
        return new RedisConnection(masters.jedis(reporting), counter, reporting, "cluster via " + seeds, waitReplicas,
                masters, new OwnConnections(masters::masterOf, uri));
    }

    private static java.util.Set<HostAndPort> hostsAndPorts(String nodes, String setting) {
        java.util.Set<HostAndPort> parsed = new java.util.LinkedHashSet<>();
        for (String node : nodes.split(",")) {
            if (!node.isBlank()) {
                try {
                    parsed.add(HostAndPort.from(node.strip()));
                } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
                    throw new IllegalArgumentException(setting + " must be host:port,host:port, not '" + node.strip() + "'");
                }
            }
        }
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException(setting + " must name at least one node: host:port,host:port");
        }
        return parsed;
    }

    /**
     * Whether one script may touch keys of different hash tags: true on one Redis or a Sentinel
     * master, false on a cluster, where each tag may live on another master.
     */
    public boolean oneServerHoldsEveryKey() {
        return cluster == null;
    }

    /** The same connection, acknowledging a change only once {@code replicas} replicas have it. */
    public RedisConnection waitingFor(int replicas) {
        return new RedisConnection(jedis, counter, reporting, description, replicas, cluster, own);
    }

    /** How many replicas must have a change before it is acknowledged (0: the master's word is enough). */
    public int waitReplicas() {
        return waitReplicas;
    }

    /**
     * With Sentinel or a Cluster the URL only carries credentials, database and scheme, so its
     * host and port may be left out ({@code rediss://sitrep:secret@}); Jedis' parser wants them.
     */
    private static URI credentialsOnly(String url) {
        if (url == null || url.isBlank()) {
            return uri("redis://localhost:6379/0");
        }
        String trimmed = url.trim();
        int authorityAt = trimmed.indexOf("://");
        if (authorityAt < 0) {
            return uri(trimmed); // refused there, with the usual message
        }
        int pathAt = trimmed.indexOf('/', authorityAt + 3);
        String authority = pathAt < 0 ? trimmed.substring(authorityAt + 3) : trimmed.substring(authorityAt + 3, pathAt);
        String path = pathAt < 0 ? "" : trimmed.substring(pathAt);
        int at = authority.lastIndexOf('@');
        String credentials = at < 0 ? "" : authority.substring(0, at + 1);
        return uri(trimmed.substring(0, authorityAt) + "://" + credentials + "localhost:6379" + path);
    }

    /**
     * The URL, checked. Every refusal has the same message and no cause: the JDK's and Jedis'
     * own messages quote the URL, password included, and start-up failures are logged.
     */
    private static URI uri(String url) {
        try {
            URI uri = URI.create(url.trim());
            if (JedisURIHelper.isValid(uri) && (JedisURIHelper.isRedisScheme(uri) || JedisURIHelper.isRedisSSLScheme(uri))
                    && JedisURIHelper.getDBIndex(uri) >= 0) {
                return uri;
            }
        } catch (RuntimeException unparsable) {
            // Said below, without the URL.
        }
        throw new IllegalArgumentException("sitrep.redis.url must look like redis://[user:password@]host:port/db, "
                + "with special characters of the password percent-encoded");
    }

    private static ConnectionPoolConfig pool() {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(32);
        pool.setMaxIdle(32);
        pool.setMaxWait(Duration.ofSeconds(2));
        return pool;
    }

    private static DefaultJedisClientConfig clientConfig(URI uri) {
        return clientConfig(uri, Duration.ofSeconds(5));
    }

    private static DefaultJedisClientConfig clientConfig(URI uri, Duration socketTimeout) {
        return DefaultJedisClientConfig.builder()
                .user(JedisURIHelper.getUser(uri))
                .password(JedisURIHelper.getPassword(uri))
                .database(JedisURIHelper.getDBIndex(uri))
                .ssl(JedisURIHelper.isRedisSSLScheme(uri))
                .connectionTimeoutMillis(2_000)
                .socketTimeoutMillis((int) socketTimeout.toMillis())
                .clientName("sitrep")
                .build();
    }

    /**
     * A connection outside the pool, to the master that holds {@code key} now, whose reads give
     * up after {@code socketTimeout}: for a blocking command, which would keep a pooled
     * connection from every other call for as long as it waits. Its owner closes it; after a
     * failover, a new one goes to the new master. Counted as one round trip (the log-in).
     */
    Connection openOwn(String key, Duration socketTimeout) {
        counter.countRoundTrip();
        try {
            return own.open(key, socketTimeout);
        } catch (JedisException e) {
            noticeFailure(e);
            throw e;
        }
    }

    /** Where a connection of its own for a key goes (the one Redis, the Sentinel's master, the slot's master). */
    private record OwnConnections(java.util.function.Function<String, HostAndPort> masterOf, URI uri) {
        Connection open(String key, Duration socketTimeout) {
            HostAndPort master = masterOf.apply(key);
            if (master == null) {
                throw new redis.clients.jedis.exceptions.JedisConnectionException("no master is known for " + key);
            }
            return new Connection(master, clientConfig(uri, socketTimeout));
        }
    }

    public UnifiedJedis jedis() {
        return jedis;
    }

    /** The keys matching {@code pattern}, by SCAN (never KEYS), on every master of a cluster. */
    List<String> scanKeys(String pattern) {
        if (cluster != null) {
            return RedisCalls.call(() -> cluster.scanKeys(pattern));
        }
        List<String> keys = new ArrayList<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        ScanParams params = new ScanParams().match(pattern).count(500);
        do {
            String from = cursor;
            ScanResult<String> page = RedisCalls.call(() -> jedis.scan(from, params));
            keys.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        return keys;
    }

    /**
     * A pipeline on one connection to the master holding {@code key}: for WAIT, which counts the
     * writes of the connection it is sent on. Close it to give the connection back.
     */
    Pipeline pipelineOn(String key) {
        return cluster != null ? cluster.pipelineOn(key) : (Pipeline) jedis.pipelined();
    }

    /**
     * A connection of its own found its master gone or demoted (an error, READONLY, a blocked
     * call unblocked by a failover): on a cluster, the slot map is read again for the next one;
     * a Sentinel's master is followed by the provider itself.
     */
    void masterMayHaveMoved() {
        if (cluster != null) {
            cluster.renewSlots();
        }
    }

    /** A call on {@link #pipelineOn} failed: on a cluster, the slot map may have moved. */
    void noticeFailure(JedisException e) {
        if (cluster != null) {
            cluster.noticeFailure(e);
        }
    }

    /** Whether Redis answers a PING now (within the connection and socket timeouts); on a cluster, every master. */
    public boolean answers() {
        if (cluster != null) {
            return cluster.allAnswer();
        }
        try {
            return "PONG".equals(jedis.ping());
        } catch (JedisException e) {
            return false;
        }
    }

    public RoundTripCounter counter() {
        return counter;
    }

    /**
     * Has {@code outcomes} told how each command sent from now on goes (pipelines and the
     * cluster's own per-node calls aside), on every copy of this connection.
     */
    public void reportCallsTo(RedisCallOutcomes outcomes) {
        reporting.reportTo(outcomes);
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
