package io.sitrep.bot.wiring;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.sitrep.bot.health.HealthWatch;
import io.sitrep.bot.notice.Notices;
import io.sitrep.bot.notice.TriageDeclarer;
import io.sitrep.config.HealthSettings;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.store.IncidentLinks;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.health.HealthSource;
import io.sitrep.integrations.health.HttpProbeSource;
import io.sitrep.integrations.health.KubernetesHealthSource;
import io.sitrep.integrations.health.PrometheusHealthSource;
import io.sitrep.integrations.health.Target;
import io.sitrep.integrations.redis.RedisLeaderLease;

/** The health watch over the configured sources; with none configured it watches nothing and holds nothing back. */
@Configuration(proxyBeanMethods = false)
class HealthConfiguration {

    @Bean(destroyMethod = "close")
    HttpProbeSource httpProbes(HealthSettings settings) {
        List<HttpProbeSource.Probe> probes = new ArrayList<>();
        for (HealthSettings.ProbeTarget target : settings.targets()) {
            probes.add(new HttpProbeSource.Probe(new Target(target.name(), target.service(), target.node()),
                    URI.create(target.url())));
        }
        return new HttpProbeSource(probes, settings.probeTimeout());
    }

    /** The cluster, when {@code sitrep.health.kubernetes.enabled}: in-cluster service account, else kubeconfig. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty("sitrep.health.kubernetes.enabled")
    KubernetesHealthSource kubernetesHealth(HealthSettings settings) {
        List<KubernetesHealthSource.ServicePods> services = settings.kubernetes().services().stream()
                .map(s -> new KubernetesHealthSource.ServicePods(s.name(), s.namespace(), s.selector())).toList();
        KubernetesClient client = new KubernetesClientBuilder().build();
        return new KubernetesHealthSource(client, services);
    }

    /** PromQL verdicts, when {@code sitrep.health.prometheus.url} and queries are set. */
    @Bean
    HealthSource prometheusHealth(HealthSettings settings) {
        HealthSettings.Prometheus prometheus = settings.prometheus();
        if (!prometheus.enabled()) {
            return new PrometheusHealthSource(URI.create("http://127.0.0.1/"), List.of(), settings.probeTimeout());
        }
        List<PrometheusHealthSource.Query> queries = prometheus.queries().stream()
                .map(q -> new PrometheusHealthSource.Query(new Target(q.name(), q.service(), q.node()), q.expr()))
                .toList();
        return new PrometheusHealthSource(URI.create(prometheus.url()), queries, settings.probeTimeout());
    }

    /**
     * The sources' reachability in {@code /actuator/health}, always UP: a source that can't be
     * reached is a fact about the cluster, not Sitrep being down.
     */
    @Bean
    HealthIndicator healthSources(HealthWatch watch) {
        return () -> Health.up().withDetails(new java.util.LinkedHashMap<>(watch.sourceReachability())).build();
    }

    @Bean(destroyMethod = "close")
    HealthWatch healthWatch(List<HealthSource> sources, HealthSettings settings, Clock clock, IncidentStore store,
                            IncidentWriter writer, Notices notices, TriageDeclarer triage, IncidentLinks links,
                            RedisRuntime redis) {
        List<HealthSource> watched = sources.stream().filter(s -> s.discovers() || !s.targets().isEmpty()).toList();
        HealthWatch watch = new HealthWatch(watched, settings, clock, store, writer, notices, triage, links,
                new RedisLeaderLease(redis.connection()));
        watch.start();
        return watch;
    }
}
