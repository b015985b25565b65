package io.sitrep.bot.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import io.sitrep.config.StorageSettings;

/** {@code sitrep.redis.*} as users write it: one Redis, Sentinel, a Cluster, wait-replicas, and the embedded default. */
class StorageSettingsBindingTest {

    @Test
    void sentinelAndWaitReplicasBindFromTheirKeysAndAnEmptyConfigurationIsTheEmbeddedRedis() {
        StorageSettings sentinel = bind(Map.of("sitrep.redis.sentinel.master", "sitrep",
                "sitrep.redis.sentinel.nodes", "10.0.0.5:26379,10.0.0.6:26379", "sitrep.redis.wait-replicas", "1"));
        StorageSettings none = bind(Map.of("sitrep.data-dir", "./data"));

        assertThat(sentinel.redis().sentinel().configured()).isTrue();
        assertThat(sentinel.redis().sentinel().nodes()).isEqualTo("10.0.0.5:26379,10.0.0.6:26379");
        assertThat(sentinel.redis().waitReplicas()).isEqualTo(1);
        assertThat(sentinel.redis().embedded()).as("Sentinel is no embedded Redis, URL or not").isFalse();
        assertThat(none.redis().embedded()).isTrue();
        assertThat(none.redis().waitReplicas()).isZero();
        assertThatThrownBy(() -> bind(Map.of("sitrep.redis.wait-replicas", "-1")))
                .hasRootCauseMessage("sitrep.redis.wait-replicas must be 0 or more");
    }

    @Test
    void clusterNodesBindAndCannotBeCombinedWithSentinel() {
        StorageSettings cluster = bind(Map.of("sitrep.redis.cluster.nodes", "10.0.0.5:6379,10.0.0.6:6379",
                "sitrep.redis.url", "rediss://sitrep:secret@ignored"));

        assertThat(cluster.redis().cluster().configured()).isTrue();
        assertThat(cluster.redis().cluster().nodes()).isEqualTo("10.0.0.5:6379,10.0.0.6:6379");
        assertThat(cluster.redis().embedded()).isFalse();
        assertThat(bind(Map.of()).redis().cluster().configured()).isFalse();
        assertThatThrownBy(() -> bind(Map.of("sitrep.redis.cluster.nodes", "10.0.0.5:6379",
                "sitrep.redis.sentinel.master", "sitrep", "sitrep.redis.sentinel.nodes", "10.0.0.5:26379")))
                .hasRootCauseMessage("Set sitrep.redis.sentinel.* or sitrep.redis.cluster.nodes, not both:"
                        + " a Redis Cluster fails over by itself");
        assertThatThrownBy(() -> bind(Map.of("sitrep.redis.sentinel.nodes", "10.0.0.5:26379")))
                .hasRootCauseMessage("sitrep.redis.sentinel.nodes is set but sitrep.redis.sentinel.master is not: "
                        + "name the master the sentinels watch");
    }

    private static StorageSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("sitrep", StorageSettings.class);
    }
}
