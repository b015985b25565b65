package io.sitrep.integrations.health;

import static org.assertj.core.api.Assertions.assertThat;

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

/** Nodes and pods read from fabric8's mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true)
class KubernetesHealthSourceTest {

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
        source = new KubernetesHealthSource(client, List.of());
        client.nodes().resource(node("platform-node-7", "True", null)).create();

        assertThat(poll()).containsEntry("node/platform-node-7", "HEALTHY Ready");

        client.nodes().resource(node("platform-node-7", "Unknown", "NodeStatusUnknown")).update();
        assertThat(poll()).containsEntry("node/platform-node-7",
                "DOWN the node stopped reporting (Ready=Unknown: NodeStatusUnknown)");

        client.nodes().resource(node("platform-node-7", "True", null)).update();
        assertThat(poll()).containsEntry("node/platform-node-7", "HEALTHY Ready");
        assertThat(source.targets()).extracting(Target::name).containsExactly("node/platform-node-7");
    }

    @Test
    void aPressuredOrCordonedNodeIsDegraded() throws Exception {
        source = new KubernetesHealthSource(client, List.of());
        Node node = node("platform-node-8", "True", null);
        node.getStatus().getConditions().add(new io.fabric8.kubernetes.api.model.NodeConditionBuilder()
                .withType("MemoryPressure").withStatus("True").build());
        node.getSpec().setUnschedulable(true);
        client.nodes().resource(node).create();

        assertThat(poll()).containsEntry("node/platform-node-8",
                "DEGRADED Ready, but MemoryPressure, unschedulable (cordoned)");
    }

    @Test
    void readsAServicesPodsReadinessAndCrashLoops() throws Exception {
        source = new KubernetesHealthSource(client, List.of(
                new KubernetesHealthSource.ServicePods("login", "connectme", Map.of("app", "login"))));
        client.pods().inNamespace("connectme").resource(pod("login-a", true, null, 0)).create();
        client.pods().inNamespace("connectme").resource(pod("login-b", false, "CrashLoopBackOff", 12)).create();

        assertThat(poll()).containsEntry("service/login",
                "DEGRADED 1/2 ready; login-b CrashLoopBackOff on platform-node-7 (12 restarts)");

        client.pods().inNamespace("connectme").resource(pod("login-a", false, "CrashLoopBackOff", 3)).update();
        assertThat(poll().get("service/login")).startsWith("DOWN 0/2 ready");
    }

    private Map<String, String> poll() throws Exception {
        return source.poll().get(10, TimeUnit.SECONDS).stream().collect(java.util.stream.Collectors.toMap(
                o -> o.target().name(), o -> o.state() + " " + o.reason()));
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
