package io.sitrep.bot.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.sitrep.bot.command.MutableClock;
import io.sitrep.config.HealthSettings;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.integrations.health.KubernetesHealthSource;

/**
 * The running health watch over fabric8's mock API server: a node going NotReady and back
 * reaches the timeline through the informers' watch, each change once.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesWatchTest {

    KubernetesClient client;

    @Test
    void aNodeGoingNotReadyReachesTheTimelineThroughTheWatchOnce() {
        HealthSettings fast = new HealthSettings(Duration.ofMillis(200), Duration.ofSeconds(2), 2, Duration.ofMinutes(2),
                true, List.of(), null, null);
        client.nodes().resource(node("True")).create();
        try (KubernetesHealthSource source = new KubernetesHealthSource(client, List.of(), Duration.ofSeconds(10));
             HealthRig rig = new HealthRig(List.of(source), fast, MutableClock.incidentMorning())) {
            rig.run("declare \"Login node unresponsive\" --node platform-node-7");
            rig.watch.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> rig.health.statuses().stream()
                    .anyMatch(s -> s.target().name().equals("node/platform-node-7") && s.polled()));

            client.nodes().resource(node("False")).update();
            await().atMost(Duration.ofSeconds(10)).until(() -> !rig.entries(1, TimelineKind.HEALTH_CHANGED).isEmpty());
            client.nodes().resource(node("True")).update();
            await().atMost(Duration.ofSeconds(10)).until(() -> rig.entries(1, TimelineKind.HEALTH_CHANGED).size() >= 2);
            waitSomeRounds(rig);

            assertThat(rig.entries(1, TimelineKind.HEALTH_CHANGED)).extracting(TimelineEntry::text).containsExactly(
                    "node/platform-node-7: HEALTHY → DOWN (NotReady: KubeletNotReady)",
                    "node/platform-node-7: DOWN → HEALTHY (Ready)");

            client.nodes().withName("platform-node-7").delete();
            await().atMost(Duration.ofSeconds(10)).until(() -> rig.health.statuses().isEmpty());
        }
    }

    /** A few more rounds, so a repeated entry would have had its chance to appear. */
    private static void waitSomeRounds(HealthRig rig) {
        long until = Clock.systemUTC().millis() + 5 * rig.settings.interval().toMillis();
        await().atMost(Duration.ofSeconds(5)).until(() -> Clock.systemUTC().millis() >= until);
    }

    private static Node node(String ready) {
        return new NodeBuilder().withNewMetadata().withName("platform-node-7").endMetadata().withNewSpec().endSpec()
                .withNewStatus().addNewCondition().withType("Ready").withStatus(ready)
                .withReason("False".equals(ready) ? "KubeletNotReady" : null).endCondition().endStatus().build();
    }
}
