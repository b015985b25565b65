package io.sitrep.bot.wiring;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.sitrep.bot.health.HealthRecorder;
import io.sitrep.bot.health.HealthView;
import io.sitrep.bot.health.HealthWatch;
import io.sitrep.bot.health.SharedHealth;
import io.sitrep.bot.notice.Notices;
import io.sitrep.bot.selfcheck.SelfCheck;
import io.sitrep.bot.notice.TriageDeclarer;
import io.sitrep.config.HealthSettings;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.store.IncidentLinks;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.incident.store.StoreUnavailableException;
import io.sitrep.integrations.health.HealthBoard;
import io.sitrep.integrations.health.HealthSource;
import io.sitrep.integrations.health.HttpProbeSource;
import io.sitrep.integrations.health.KubernetesHealthSource;
import io.sitrep.integrations.health.PrometheusHealthSource;
import io.sitrep.integrations.health.Target;
import io.sitrep.integrations.redis.RedisHealthBoard;
import io.sitrep.integrations.redis.RedisLeaderLease;

/**
 * The health watch over the configured sources, and the shared view every replica answers
 * from; with no source configured it watches nothing and holds nothing back.
 */
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
        // A watch the API server closes is re-opened in moments; two intervals down is an outage.
        return new KubernetesHealthSource(client, services, settings.interval().multipliedBy(2));
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

    @Bean
    RedisHealthBoard healthBoard(RedisRuntime redis) {
        return new RedisHealthBoard(redis.connection());
    }

    /** Also the lifecycle's resolve guard (a {@code ResolutionHealth}). */
    @Bean
    HealthView healthView(List<HealthSource> sources, HealthBoard board, HealthSettings settings, Clock clock) {
        List<HealthSource> watched = watched(sources);
        return watched.isEmpty() ? HealthView.NONE
                : new SharedHealth(board, settings, clock, watched.stream().map(HealthSource::name).toList());
    }

    /**
     * The sources' reachability in {@code /actuator/health}, always UP: a source that can't be
     * reached is a fact about the cluster, not Sitrep being down.
     */
    @Bean
    HealthIndicator healthSources(HealthView health) {
        return () -> {
            try {
                return Health.up().withDetails(new LinkedHashMap<>(health.sourceReachability())).build();
            } catch (StoreUnavailableException e) {
                // Redis down is readiness's to report; this group stays about the sources.
                return Health.up().withDetail("board", "unreadable right now: " + e.getMessage()).build();
            }
        };
    }

    @Bean
    HealthRecorder healthRecorder(IncidentStore store, IncidentWriter writer, Notices notices, TriageDeclarer triage,
                                  IncidentLinks links, HealthSettings settings) {
        return new HealthRecorder(store, writer, notices, triage, links, settings.autoDeclare());
    }

    @Bean(destroyMethod = "close")
    HealthWatch healthWatch(List<HealthSource> sources, HealthSettings settings, Clock clock, HealthBoard board,
                            HealthRecorder recorder, RedisRuntime redis, SelfCheck selfCheck) {
        HealthWatch watch = new HealthWatch(watched(sources), settings, clock, board,
                new RedisLeaderLease(redis.connection()), recorder);
        watch.reportTo(selfCheck.loop("health-watch", settings.interval()));
        watch.start();
        return watch;
    }

    private static List<HealthSource> watched(List<HealthSource> sources) {
        return sources.stream().filter(s -> s.discovers() || !s.targets().isEmpty()).toList();
    }
}
