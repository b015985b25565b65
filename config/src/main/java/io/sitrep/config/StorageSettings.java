package io.sitrep.config;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where incidents live: an external Redis by URL, or (when {@code sitrep.redis.url} is empty)
 * an embedded Redis whose append-only file is kept in {@code sitrep.data-dir}.
 */
@Validated
@ConfigurationProperties("sitrep")
public record StorageSettings(@DefaultValue("./data") Path dataDir, @DefaultValue Redis redis) {

    /**
     * {@code sitrep.redis.*}.
     *
     * @param url          {@code redis://[user:password@]host:port[/db]}; with Sentinel or a Cluster,
     *                     only its credentials, database and scheme ({@code rediss} for TLS) are used
     * @param sentinel     Redis Sentinel: the master's name and the sentinels' {@code host:port,…}
     * @param cluster      Redis Cluster: some of its nodes, {@code host:port,…}
     * @param waitReplicas a change is acknowledged only once this many replicas have it ({@code WAIT})
     */
    public record Redis(@DefaultValue("") String url, @DefaultValue Sentinel sentinel, @DefaultValue Cluster cluster,
                        @DefaultValue("0") int waitReplicas) {

        public Redis {
            if (waitReplicas < 0) {
                throw new IllegalArgumentException("sitrep.redis.wait-replicas must be 0 or more");
            }
            if (!sentinel.configured() && sentinel.nodes() != null && !sentinel.nodes().isBlank()) {
                throw new IllegalArgumentException("sitrep.redis.sentinel.nodes is set but sitrep.redis.sentinel.master"
                        + " is not: name the master the sentinels watch");
            }
            if (sentinel.configured() && cluster.configured()) {
                throw new IllegalArgumentException("Set sitrep.redis.sentinel.* or sitrep.redis.cluster.nodes, not both:"
                        + " a Redis Cluster fails over by itself");
            }
        }

        public boolean embedded() {
            return (url == null || url.isBlank()) && !sentinel.configured() && !cluster.configured();
        }
    }

    /** {@code sitrep.redis.cluster.*}. */
    public record Cluster(@DefaultValue("") String nodes) {
        public boolean configured() {
            return nodes != null && !nodes.isBlank();
        }
    }

    /** {@code sitrep.redis.sentinel.*}. */
    public record Sentinel(@DefaultValue("") String master, @DefaultValue("") String nodes) {
        public boolean configured() {
            return master != null && !master.isBlank();
        }
    }
}
