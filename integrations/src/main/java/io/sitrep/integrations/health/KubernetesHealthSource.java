package io.sitrep.integrations.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The cluster's own view, read through the Kubernetes API: each node by its conditions (a node
 * whose kubelet stopped reporting shows {@code Ready=Unknown}: the hung node of the founding
 * incident), and each configured service by its pods — ready, restarting, waiting. Calls are
 * blocking, so they run on this source's own thread and the watch's deadline bounds them.
 */
public final class KubernetesHealthSource implements HealthSource, AutoCloseable {

    /** A service's pods, found by label selector in a namespace. */
    public record ServicePods(String name, String namespace, Map<String, String> selector) {
    }

    private static final List<String> PRESSURES = List.of("MemoryPressure", "DiskPressure", "PIDPressure",
            "NetworkUnavailable");

    private final KubernetesClient client;
    private final List<ServicePods> services;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "health-kubernetes");
        thread.setDaemon(true);
        return thread;
    });
    private volatile List<Target> known = List.of();

    public KubernetesHealthSource(KubernetesClient client, List<ServicePods> services) {
        this.client = client;
        this.services = List.copyOf(services);
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
    public CompletableFuture<List<Observation>> poll() {
        return CompletableFuture.supplyAsync(this::observe, executor);
    }

    private List<Observation> observe() {
        List<Observation> observations = new ArrayList<>();
        for (Node node : client.nodes().list().getItems()) {
            observations.add(node(node));
        }
        for (ServicePods service : services) {
            List<Pod> pods = client.pods().inNamespace(service.namespace()).withLabels(service.selector()).list().getItems();
            observations.add(pods(service, pods));
        }
        known = observations.stream().map(Observation::target).toList();
        return observations;
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
        executor.shutdownNow();
    }
}
