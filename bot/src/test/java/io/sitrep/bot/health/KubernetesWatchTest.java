package io.sitrep.bot.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.sitrep.bot.command.MutableClock;
import io.sitrep.bot.notice.Notices;
import io.sitrep.bot.notice.TriageDeclarer;
import io.sitrep.config.HealthSettings;
import io.sitrep.config.ReminderSettings;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.UpdateSchedule;
import io.sitrep.incident.lifecycle.SpringStatemachineLifecycle;
import io.sitrep.integrations.health.KubernetesHealthSource;
import io.sitrep.integrations.redis.RedisIncidentLinks;
import io.sitrep.integrations.redis.RedisIncidentStore;
import io.sitrep.integrations.redis.TestRedis;

/** The health watch over fabric8's mock API server: a node flipping Ready → Unknown → True, each change once. */
@EnableKubernetesMockClient(crud = true)
class KubernetesWatchTest {

    KubernetesClient client;

    private KubernetesHealthSource source;
    private HealthWatch watch;

    @AfterEach
    void close() {
        watch.close();
        source.close();
    }

    @Test
    void reportsEachTransitionOnce() {
        MutableClock clock = MutableClock.incidentMorning();
        RedisIncidentStore store = new RedisIncidentStore(TestRedis.flushed());
        SpringStatemachineLifecycle lifecycle = new SpringStatemachineLifecycle();
        IncidentWriter writer = new IncidentWriter(store, lifecycle);
        Notices notices = new Notices(List.of());
        source = new KubernetesHealthSource(client, List.of());
        watch = new HealthWatch(List.of(source), HealthSettings.defaults(List.of()), clock, store, writer, notices,
                new TriageDeclarer(writer, lifecycle, new UpdateSchedule(ReminderSettings.defaults()), notices), new RedisIncidentLinks(TestRedis.flushed()),
                (lease, holder, ttl) -> true);
        client.nodes().resource(node("True")).create();
        List<String> changes = new ArrayList<>();

        for (String ready : List.of("True", "True", "Unknown", "Unknown", "Unknown", "True", "True", "True")) {
            client.nodes().resource(node(ready)).update();
            watch.pollOnce().forEach(change -> changes.add(change.from() + "→" + change.to()));
        }

        assertThat(changes).containsExactly("HEALTHY→DOWN", "DOWN→HEALTHY");
        client.nodes().withName("platform-node-7").delete();
        watch.pollOnce();
        assertThat(watch.statuses()).as("a deleted node is no longer watched").isEmpty();
        assertThat(store.findOpen()).singleElement().satisfies(incident ->
                assertThat(incident.title()).startsWith("node/platform-node-7 is DOWN: the node stopped reporting"));
    }

    private static Node node(String ready) {
        return new NodeBuilder().withNewMetadata().withName("platform-node-7").endMetadata().withNewSpec().endSpec()
                .withNewStatus().addNewCondition().withType("Ready").withStatus(ready).endCondition().endStatus().build();
    }
}
