package io.sitrep.integrations.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

/**
 * Nodes and pods kept by informers on fabric8's mock API server in CRUD mode: each poll reads
 * the watched caches, which follow the API server's changes on their own, so the assertions
 * wait for them.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesHealthSourceTest {

    private static final Duration STALE_AFTER = Duration.ofSeconds(10);

    KubernetesClient client;

    private KubernetesHealthSource source;

    @AfterEach
    void close() {
        if (source != null) {
            source.close();
        }
    }

    @Test
    void readsNodeConditionsAsTheyChange() throws Exception {
        source = new KubernetesHealthSource(client, List.of(), STALE_AFTER);
        client.nodes().resource(node("platform-node-7", "True", null)).create();

        eventually(() -> assertThat(poll()).containsEntry("node/platform-node-7", "HEALTHY Ready"));

        client.nodes().resource(node("platform-node-7", "Unknown", "NodeStatusUnknown")).update();
        eventually(() -> assertThat(poll()).containsEntry("node/platform-node-7",
                "DOWN the node stopped reporting (Ready=Unknown: NodeStatusUnknown)"));

        client.nodes().resource(node("platform-node-7", "True", null)).update();
        eventually(() -> assertThat(poll()).containsEntry("node/platform-node-7", "HEALTHY Ready"));
        assertThat(source.targets()).extracting(Target::name).containsExactly("node/platform-node-7");
    }

    @Test
    void aPressuredOrCordonedNodeIsDegraded() throws Exception {
        source = new KubernetesHealthSource(client, List.of(), STALE_AFTER);
        Node node = node("platform-node-8", "True", null);
        node.getStatus().getConditions().add(new io.fabric8.kubernetes.api.model.NodeConditionBuilder()
                .withType("MemoryPressure").withStatus("True").build());
        node.getSpec().setUnschedulable(true);
        client.nodes().resource(node).create();

        eventually(() -> assertThat(poll()).containsEntry("node/platform-node-8",
                "DEGRADED Ready, but MemoryPressure, unschedulable (cordoned)"));
    }

    @Test
    void readsAServicesPodsReadinessAndCrashLoops() throws Exception {
        source = new KubernetesHealthSource(client, List.of(
                new KubernetesHealthSource.ServicePods("login", "connectme", Map.of("app", "login"))), STALE_AFTER);
        client.pods().inNamespace("connectme").resource(pod("login-a", true, null, 0)).create();
        client.pods().inNamespace("connectme").resource(pod("login-b", false, "CrashLoopBackOff", 12)).create();

        eventually(() -> assertThat(poll()).containsEntry("service/login",
                "DEGRADED 1/2 ready; login-b CrashLoopBackOff on platform-node-7 (12 restarts)"));

        client.pods().inNamespace("connectme").resource(pod("login-a", false, "CrashLoopBackOff", 3)).update();
        eventually(() -> assertThat(poll().get("service/login")).startsWith("DOWN 0/2 ready"));
    }

    @Test
    void anApiServerThatCannotBeReachedIsNotAnsweringInWords() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        KubernetesClient unreachable = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(
                new io.fabric8.kubernetes.client.ConfigBuilder().withMasterUrl("http://127.0.0.1:" + closed)
                        .withRequestRetryBackoffLimit(0).withRequestTimeout(500).withConnectionTimeout(500).build())
                .build();
        try (KubernetesHealthSource cut = new KubernetesHealthSource(unreachable, List.of(
                new KubernetesHealthSource.ServicePods("login", "connectme", Map.of("app", "login"))), STALE_AFTER)) {
            eventually(() -> {
                SourceReport report = cut.poll().get(10, TimeUnit.SECONDS);
                assertThat(report.answered()).isFalse();
                assertThat(report.trouble()).startsWith("the Kubernetes API: no list of nodes yet, after ")
                        .contains("connection refused").doesNotContain("java.", "Exception");
                assertThat(report.observations()).singleElement().satisfies(o -> {
                    assertThat(o.target().name()).isEqualTo("service/login");
                    assertThat(o.state()).isEqualTo(HealthState.UNKNOWN);
                });
            });
        } finally {
            unreachable.close();
        }
    }

    private Map<String, String> poll() throws Exception {
        return source.poll().get(10, TimeUnit.SECONDS).observations().stream().collect(
                java.util.stream.Collectors.toMap(o -> o.target().name(), o -> o.state() + " " + o.reason()));
    }

    private static void eventually(org.awaitility.core.ThrowingRunnable assertion) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(assertion);
    }

    private static Node node(String name, String ready, String reason) {
        return new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().endSpec()
                .withNewStatus().addNewCondition().withType("Ready").withStatus(ready).withReason(reason).endCondition()
                .endStatus().build();
    }

    private static Pod pod(String name, boolean ready, String waiting, int restarts) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withName(name).withNamespace("connectme")
                .addToLabels("app", "login").endMetadata()
                .withNewSpec().withNodeName("platform-node-7").endSpec();
        return pod.withNewStatus().addNewContainerStatus().withName("login").withReady(ready).withRestartCount(restarts)
                .withNewState().withNewWaiting().withReason(waiting).endWaiting().endState()
                .endContainerStatus().endStatus().build();
    }
}
