package io.sitrep.integrations.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.Platform;
import io.sitrep.incident.Severity;
import io.sitrep.incident.Watcher;
import io.sitrep.integrations.chat.Actor;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.Delivery;
import io.sitrep.integrations.chat.DeliveryMessage;

/** Platforms and watchers are stored under the names the previous release wrote, known to this build or not. */
class StoredPlatformNamesTest {

    private static final Instant T0 = Instant.parse("2026-02-26T08:25:00Z");

    @Test
    void anIncidentsPlatformsAreStoredAsTheirNamesInOrder() {
        Incident incident = Incident.builder(new IncidentId(7), IncidentState.INVESTIGATING, Severity.SEV2, T0)
                .title("Checkout errors").platforms(Set.of(Platform.SLACK, Platform.DISCORD, Platform.API)).build();

        String json = IncidentJson.write(incident);

        assertThat(json).contains("\"platforms\":[\"discord\",\"http\",\"slack\"]");
        assertThat(IncidentJson.readIncident(json).platforms())
                .containsExactly(Platform.DISCORD, Platform.API, Platform.SLACK);
    }

    @Test
    void aPlatformThisBuildDoesNotShipLoadsAndIsWrittenBackUnchanged() {
        Incident incident = Incident.builder(new IncidentId(7), IncidentState.INVESTIGATING, Severity.SEV2, T0)
                .title("Checkout errors").platforms(Set.of(Platform.SLACK)).build();
        String json = IncidentJson.write(incident).replace("[\"slack\"]", "[\"slack\",\"stuck\"]");

        Incident read = IncidentJson.readIncident(json);

        assertThat(read.platforms()).containsExactly(Platform.SLACK, new Platform.Other("stuck"));
        assertThat(IncidentJson.write(read)).contains("\"platforms\":[\"slack\",\"stuck\"]");
    }

    @Test
    void aQueuedDeliveryKeepsItsOriginsName() {
        DeliveryMessage room = new DeliveryMessage(Audience.ROOM, "posted");
        DeliveryMessage direct = new DeliveryMessage(new Audience.Person(Platform.DISCORD, "1234"), "paged");
        Delivery typed = new Delivery(new IncidentId(7), new Actor("alice", "U0ALICE").on(Platform.named("stuck")),
                List.of(room, direct), false, null);
        Delivery watched = Delivery.fromWatcher(Watcher.HEALTH, new IncidentId(7), List.of(room), true);

        String typedJson = IncidentJson.write(StoredDelivery.Entry.of("1", T0, typed));
        String watchedJson = IncidentJson.write(StoredDelivery.Entry.of("2", T0, watched));

        assertThat(typedJson).contains("\"origin\":\"stuck\"", "\"actor\":\"alice\"", "\"actorId\":\"U0ALICE\"",
                "\"platform\":\"discord\"");
        assertThat(watchedJson).contains("\"origin\":\"health\"", "\"actor\":\"sitrep\"");
        Delivery typedBack = IncidentJson.read(typedJson, StoredDelivery.Entry.class).delivery();
        assertThat(typedBack.origin()).isEqualTo(typed.origin());
        assertThat(typedBack.messages()).isEqualTo(typed.messages());
        assertThat(IncidentJson.read(watchedJson, StoredDelivery.Entry.class).delivery().fromIncidentOpener()).isTrue();
    }
}
