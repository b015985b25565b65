package io.sitrep.integrations.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * The cluster's own view, kept by the Kubernetes API's watches (fabric8 informers): each node by
 * its conditions (a node whose kubelet stopped reporting shows {@code Ready=Unknown}: the hung
 * node of the founding incident), and each configured service by its pods — ready, restarting,
 * waiting. A poll reads the informers' caches, so it costs the API server nothing and answers
 * at once; the API server pushes each change as it happens instead of being listed every interval.
 *
 * <p>The caches are only as good as their watches: before the first list arrives, or once a
 * watch has been down longer than {@code staleAfter}, the source says it is not answering and
 * its targets are UNKNOWN rather than judged from an old picture.
 */
public final class KubernetesHealthSource implements HealthSource, AutoCloseable {

    /** A service's pods, found by label selector in a namespace. */
    public record ServicePods(String name, String namespace, Map<String, String> selector) {
    }

    private static final List<String> PRESSURES = List.of("MemoryPressure", "DiskPressure", "PIDPressure",
            "NetworkUnavailable");

    private final Duration staleAfter;
    private final Watched<Node> nodes;
    private final Map<ServicePods, Watched<Pod>> pods = new LinkedHashMap<>();
    private volatile List<Target> known;

    public KubernetesHealthSource(KubernetesClient client, List<ServicePods> services, Duration staleAfter) {
        this.staleAfter = staleAfter;
        this.nodes = new Watched<>("nodes", () -> client.nodes().runnableInformer(0));
        for (ServicePods service : services) {
            pods.put(service, new Watched<>("pods of " + service.name(), () -> client.pods()
                    .inNamespace(service.namespace()).withLabels(service.selector()).runnableInformer(0)));
        }
        List<Target> initial = new ArrayList<>();
        services.forEach(s -> initial.add(serviceTarget(s)));
        this.known = initial;
    }

    @Override
    public String name() {
        return "kubernetes";
    }

    @Override
    public List<Target> targets() {
        return known;
    }

    @Override
    public boolean discovers() {
        return true;
    }

    @Override
    public CompletableFuture<SourceReport> poll() {
        long now = System.nanoTime();
        List<String> troubles = new ArrayList<>();
        nodes.trouble(now, staleAfter).ifPresent(troubles::add);
        pods.values().forEach(w -> w.trouble(now, staleAfter).ifPresent(troubles::add));
        if (!troubles.isEmpty()) {
            return CompletableFuture.completedFuture(SourceReport.notAnswering(known,
                    "the Kubernetes API: " + String.join("; ", troubles)));
        }
        List<Observation> observations = new ArrayList<>();
        for (Node node : nodes.items()) {
            observations.add(node(node));
        }
        pods.forEach((service, watched) -> observations.add(pods(service, watched.items())));
        known = observations.stream().map(Observation::target).toList();
        return CompletableFuture.completedFuture(SourceReport.answered(observations));
    }

    /**
     * One informer, started without waiting for its first list (an API server that hangs must
     * not hang Sitrep's start), and started anew if it gave up.
     */
    private static final class Watched<T> {
        private final String what;
        private final Supplier<SharedIndexInformer<T>> create;
        private final long createdAt = System.nanoTime();
        private volatile SharedIndexInformer<T> informer;
        private volatile String lastFailure;
        private volatile long downSince = -1;

        Watched(String what, Supplier<SharedIndexInformer<T>> create) {
            this.what = what;
            this.create = create;
            start();
        }

        private void start() {
            SharedIndexInformer<T> started = create.get();
            informer = started;
            started.start().whenComplete((done, failure) -> {
                if (failure != null) {
                    lastFailure = FailureWords.describe(failure);
                }
            });
        }

        /** Why this cache can't be trusted now, if it can't. */
        Optional<String> trouble(long now, Duration staleAfter) {
            SharedIndexInformer<T> current = informer;
            if (!current.isRunning() && current.stopped().toCompletableFuture().isDone()) {
                current.close();
                start();
                current = informer;
            }
            if (!current.hasSynced()) {
                return Optional.of("no list of " + what + " yet, after " + FailureWords.seconds(Duration.ofNanos(now - createdAt))
                        + (lastFailure == null ? "" : " (" + lastFailure + ")"));
            }
            if (current.isWatching()) {
                downSince = -1;
                return Optional.empty();
            }
            if (downSince < 0) {
                downSince = now;
            }
            Duration down = Duration.ofNanos(now - downSince);
            // A watch the API server closed is re-opened within moments; only a long gap is news.
            return down.compareTo(staleAfter) <= 0 ? Optional.empty()
                    : Optional.of("the watch on " + what + " has been down for " + FailureWords.seconds(down));
        }

        List<T> items() {
            return informer.getStore().list();
        }

        void close() {
            informer.close();
        }
    }

    static Observation node(Node node) {
        String name = node.getMetadata().getName();
        Target target = new Target("node/" + name, null, name);
        List<NodeCondition> conditions = node.getStatus() == null || node.getStatus().getConditions() == null
                ? List.of() : node.getStatus().getConditions();
        NodeCondition ready = conditions.stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElse(null);
        if (ready == null) {
            return new Observation(target, HealthState.UNKNOWN, "no Ready condition reported");
        }
        if ("Unknown".equals(ready.getStatus())) {
            return new Observation(target, HealthState.DOWN, "the node stopped reporting (Ready=Unknown"
                    + suffix(ready.getReason()) + ")");
        }
        if (!"True".equals(ready.getStatus())) {
            return new Observation(target, HealthState.DOWN, "NotReady" + suffix(ready.getReason()));
        }
        List<String> problems = new ArrayList<>();
        for (NodeCondition condition : conditions) {
            if (PRESSURES.contains(condition.getType()) && "True".equals(condition.getStatus())) {
                problems.add(condition.getType());
            }
        }
        if (node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
            problems.add("unschedulable (cordoned)");
        }
        if (!problems.isEmpty()) {
            return new Observation(target, HealthState.DEGRADED, "Ready, but " + String.join(", ", problems));
        }
        return new Observation(target, HealthState.HEALTHY, "Ready");
    }

    static Observation pods(ServicePods service, List<Pod> pods) {
        Target target = serviceTarget(service);
        if (pods.isEmpty()) {
            return new Observation(target, HealthState.DOWN, "no pods match " + service.selector());
        }
        int ready = 0;
        List<String> troubles = new ArrayList<>();
        for (Pod pod : pods) {
            List<ContainerStatus> containers = pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                    ? List.of() : pod.getStatus().getContainerStatuses();
            boolean podReady = !containers.isEmpty() && containers.stream().allMatch(c -> Boolean.TRUE.equals(c.getReady()));
            if (podReady) {
                ready++;
            }
            for (ContainerStatus container : containers) {
                String waiting = container.getState() != null && container.getState().getWaiting() != null
                        ? container.getState().getWaiting().getReason() : null;
                int restarts = container.getRestartCount() == null ? 0 : container.getRestartCount();
                if (waiting != null) {
                    troubles.add(pod.getMetadata().getName() + " " + waiting + " on "
                            + (pod.getSpec() == null ? "?" : pod.getSpec().getNodeName()) + " (" + restarts + " restarts)");
                }
            }
        }
        String summary = ready + "/" + pods.size() + " ready" + (troubles.isEmpty() ? "" : "; " + String.join("; ", troubles));
        HealthState state = ready == 0 ? HealthState.DOWN : ready < pods.size() ? HealthState.DEGRADED : HealthState.HEALTHY;
        return new Observation(target, state, summary);
    }

    private static Target serviceTarget(ServicePods service) {
        return new Target("service/" + service.name(), service.name(), null);
    }

    private static String suffix(String reason) {
        return reason == null || reason.isBlank() ? "" : ": " + reason;
    }

    @Override
    public void close() {
        nodes.close();
        pods.values().forEach(Watched::close);
    }
}
