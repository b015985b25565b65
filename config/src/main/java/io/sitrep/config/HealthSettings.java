package io.sitrep.config;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sitrep.health.*}: what the health watch probes and how it judges.
 *
 * @param interval      how often every source is polled
 * @param probeTimeout  connect + answer deadline of one HTTP probe; no answer by then is DOWN
 * @param consecutive   how many results in a row a new state needs before it counts (no flapping)
 * @param stableFor     how long the targets of an incident must be HEALTHY before it may be resolved
 * @param autoDeclare   a DOWN target no open incident covers opens a TRIAGE incident
 * @param kubernetes    the cluster as a source: its nodes, and the pods of the services listed
 * @param prometheus    PromQL expressions that judge targets, when a Prometheus URL is set
 */
@ConfigurationProperties("sitrep.health")
public record HealthSettings(
        @DefaultValue("PT5S") Duration interval,
        @DefaultValue("PT2S") Duration probeTimeout,
        @DefaultValue("2") int consecutive,
        @DefaultValue("PT2M") Duration stableFor,
        @DefaultValue("true") boolean autoDeclare,
        List<ProbeTarget> targets,
        Kubernetes kubernetes,
        Prometheus prometheus) {

    /** One HTTP probe: GET {@code url}; a 2xx in time is HEALTHY. */
    public record ProbeTarget(String name, String url, String service, String node) {
    }

    /**
     * {@code sitrep.health.kubernetes.*}: read from the in-cluster service account or the
     * kubeconfig, read-only (see {@code config/kubernetes/rbac.yml}).
     */
    public record Kubernetes(boolean enabled, List<ServicePods> services) {
        public Kubernetes {
            services = services == null ? List.of() : List.copyOf(services);
        }
    }

    /** A service's pods: {@code namespace} and a label {@code selector} ({@code app: login}). */
    public record ServicePods(String name, String namespace, java.util.Map<String, String> selector) {
    }

    /** {@code sitrep.health.prometheus.url} and one expression per target. */
    public record Prometheus(String url, List<PromQuery> queries) {
        public Prometheus {
            queries = queries == null ? List.of() : List.copyOf(queries);
        }

        public boolean enabled() {
            return url != null && !url.isBlank() && !queries.isEmpty();
        }
    }

    /** A target judged by {@code expr}: HEALTHY while every series it returns is non-zero. */
    public record PromQuery(String name, String service, String node, String expr) {
    }

    public HealthSettings {
        targets = targets == null ? List.of() : List.copyOf(targets);
        kubernetes = kubernetes == null ? new Kubernetes(false, List.of()) : kubernetes;
        prometheus = prometheus == null ? new Prometheus(null, List.of()) : prometheus;
        if (consecutive < 1) {
            throw new IllegalArgumentException("sitrep.health.consecutive must be at least 1");
        }
    }

    public static HealthSettings defaults(List<ProbeTarget> targets) {
        return new HealthSettings(Duration.ofSeconds(5), Duration.ofSeconds(2), 2, Duration.ofMinutes(2), true, targets,
                null, null);
    }
}
