package io.sitrep.integrations.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.Role;
import io.sitrep.incident.Severity;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.Watcher;
import io.sitrep.incident.store.Announcement;
import io.sitrep.incident.store.StoreUnavailableException;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.Delivery;
import io.sitrep.integrations.chat.DeliveryQueue.Claim;
import io.sitrep.integrations.chat.DeliveryQueue.Lane;
import io.sitrep.integrations.chat.IncidentRoom;
import io.sitrep.integrations.alerts.AlertMarks;
import io.sitrep.integrations.alerts.StormLink;
import io.sitrep.integrations.health.HealthBoard;
import redis.clients.jedis.Jedis;

/**
 * Every Redis part of Sitrep on a real three-master Redis Cluster: incidents land on every
 * master, and what must see them all (open incidents, the status page's list, index and lane
 * recovery) scans every master; no script takes keys of two slots.
 */
@Timeout(120)
class RedisClusterTest {

    private static final Instant T0 = Instant.parse("2026-02-26T08:25:00Z");
    private static final int INCIDENTS = 12;
    /** Sitrep connects as an ACL user of its own, as production clusters are set up. */
    private static final String SITREP_USER = "sitrep on >sitrep-secret ~* &* +@all";

    private static RedisServers servers;
    private static List<RedisServers.Node> masters;
    private static RedisConnection redis;

    @BeforeAll
    static void startCluster() {
        assumeTrue(RedisServers.available(), RedisServers.MISSING);
        servers = new RedisServers("cluster", "admin-secret", List.of(SITREP_USER));
        masters = servers.cluster(3);
        redis = RedisConnection.openCluster(RedisServers.addresses(masters.subList(0, 1)),
                "redis://sitrep:sitrep-secret@localhost", 0);
    }

    @AfterAll
    static void stopCluster() {
        if (redis != null) {
            redis.close();
        }
        if (servers != null) {
            servers.close();
        }
    }

    @BeforeEach
    void emptyCluster() {
        // After the hung-master test the cluster takes a moment to call itself whole again.
        RedisServers.awaitClusterOk(masters);
        for (RedisServers.Node master : masters) {
            try (Jedis jedis = master.jedis()) {
                jedis.flushAll();
            }
        }
    }

    @Test
    void incidentsSpreadOverTheMastersAndEveryListSeesThemAll() {
        RedisIncidentStore store = new RedisIncidentStore(redis);
        for (int i = 0; i < INCIDENTS; i++) {
            IncidentId id = store.allocateId();
            assertThat(store.create(incident(id, i % 3 == 0 ? IncidentState.CLOSED : IncidentState.INVESTIGATING, 1),
                    List.of(entry("declared " + id)))).isTrue();
        }

        assertThat(RedisServers.keysOnEach(masters, RedisKeys.ALL_INCIDENTS_PATTERN)).as("each master holds some of the incidents").hasSize(3)
                .allSatisfy(count -> assertThat(count).isPositive());
        assertThat(store.findAll()).hasSize(INCIDENTS);
        assertThat(store.findOpen()).hasSize(INCIDENTS - INCIDENTS / 3);
        assertThat(store.findByChannel("inc-5")).contains(new IncidentId(5));

        // Lose every index, as a crash between a write and its index update would: the scan rebuilds them.
        List.of(RedisKeys.OPEN, RedisKeys.CHANNELS, RedisKeys.ID_COUNTER).forEach(redis.jedis()::del);
        assertThat(store.rebuildIndexes()).isEqualTo(INCIDENTS);
        assertThat(store.findOpen()).hasSize(INCIDENTS - INCIDENTS / 3);
        assertThat(store.findByChannel("inc-11")).contains(new IncidentId(11));
        assertThat(store.allocateId()).as("ids are never reused").isEqualTo(new IncidentId(INCIDENTS + 1));
    }

    @Test
    void thePublicIndexSeesPostsToIncidentsOnEveryMaster() {
        RedisIncidentStore store = new RedisIncidentStore(redis);
        for (int i = 0; i < INCIDENTS; i++) {
            IncidentId id = store.allocateId();
            Incident declared = incident(id, IncidentState.INVESTIGATING, 1);
            assertThat(store.create(declared, List.of(entry("declared " + id)))).isTrue();
            Incident posted = declared.toBuilder().lastUpdate(T0, "Investigating").build();
            assertThat(store.replace(posted, 1, List.of(new TimelineEntry(T0, T0, TimelineKind.STAKEHOLDER_UPDATE,
                    "alice", "test", "Investigating", Map.of())))).isTrue();
        }

        var changes = store.changedSince(0);
        assertThat(changes.changed()).hasSize(INCIDENTS).allSatisfy(indexed ->
                assertThat(indexed.timeline()).extracting(TimelineEntry::text).contains("Investigating"));
        assertThat(store.changedSince(changes.revision()).changed()).isEmpty();

        redis.jedis().del(RedisPublicIndex.INDEX);
        redis.jedis().del(RedisPublicIndex.VERSIONS);
        store.rebuildIndexes();
        assertThat(store.changedSince(0).changed()).as("rebuilt from the records on every master").hasSize(INCIDENTS);
    }

    @Test
    void aChangeWritesItsRecordTimelineAndDeliveriesInItsOwnSlot() {
        RedisIncidentStore store = new RedisIncidentStore(redis);
        RedisDeliveryQueue queue = new RedisDeliveryQueue(redis);
        IncidentId id = store.allocateId();
        Delivery declared = delivery(id, "INC-1 declared");
        assertThat(store.create(incident(id, IncidentState.INVESTIGATING, 1), List.of(entry("declared")),
                queue.announcement("d-1", declared, List.of("slack", "discord"), T0))).isTrue();
        Announcement noted = queue.announcement("d-2", delivery(id, "a note"), List.of("slack"), T0);
        assertThat(store.replace(incident(id, IncidentState.INVESTIGATING, 2), 1, List.of(entry("a note")), noted))
                .isTrue();
        assertThat(store.replace(incident(id, IncidentState.INVESTIGATING, 3), 1, List.of(entry("stale")), null))
                .as("a stale version is refused").isFalse();

        assertThat(store.timeline(id)).extracting(TimelineEntry::text).containsExactly("declared", "a note");

        // The lanes were written by the change's script; marking them due and working them is the queue's.
        queue.markDue(id, List.of("slack", "discord"), T0);
        List<Claim> claims = queue.claim(List.of("slack", "discord"), T0, 10, Duration.ofSeconds(30));
        assertThat(claims).extracting(Claim::lane).containsExactlyInAnyOrder(new Lane(id, "slack"), new Lane(id, "discord"));
        Claim slack = claims.stream().filter(c -> c.lane().platform().equals("slack")).findFirst().orElseThrow();
        assertThat(queue.head(slack.lane()).orElseThrow().id()).isEqualTo("d-1");
        queue.complete(slack.lane(), "d-1", List.of(), T0);
        assertThat(queue.head(slack.lane()).orElseThrow().id()).isEqualTo("d-2");
        assertThat(queue.renew(slack, T0.plusSeconds(60))).isPresent();
    }

    @Test
    void laneRecoveryFindsLanesOnEveryMaster() {
        RedisIncidentStore store = new RedisIncidentStore(redis);
        RedisDeliveryQueue queue = new RedisDeliveryQueue(redis);
        for (int i = 0; i < INCIDENTS; i++) {
            IncidentId id = store.allocateId();
            // Written with its posts, then "killed" before the lanes were marked due.
            store.create(incident(id, IncidentState.INVESTIGATING, 1), List.of(entry("declared")),
                    queue.announcement("d-" + id, delivery(id, "declared"), List.of("slack"), T0));
        }
        assertThat(queue.claim(List.of("slack"), T0, 100, Duration.ofSeconds(30))).isEmpty();

        assertThat(queue.recoverLanes(T0)).isEqualTo(INCIDENTS);
        assertThat(queue.claim(List.of("slack"), T0, 100, Duration.ofSeconds(30))).hasSize(INCIDENTS);
        assertThat(queue.lanesOwed()).containsEntry("slack", (long) INCIDENTS);
    }

    @Test
    void lanesOnEveryMasterWakeAWaiterOnTheWakeListsMaster() {
        RedisDeliveryQueue queue = new RedisDeliveryQueue(redis);
        try (WakeListener listener = new WakeListener(queue.workSignal(List.of("slack", "discord")), Duration.ofSeconds(30))) {
            for (int n = 1; n <= INCIDENTS; n++) {
                // Each lane's list is in its incident's slot, its due mark and token in the outbox's.
                queue.enqueue(delivery(new IncidentId(n), "declared"), List.of(n % 2 == 0 ? "slack" : "discord"), T0);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> listener.woken() == INCIDENTS);
        }
    }

    @Test
    void remindersLeasesRoomsAndTheSmallerStoresWork() {
        RedisReminderQueue reminders = new RedisReminderQueue(redis);
        for (int i = 1; i <= INCIDENTS; i++) {
            reminders.schedule(new IncidentId(i), T0.plusSeconds(i), 1);
        }
        assertThat(reminders.claimDue(T0.plusSeconds(INCIDENTS), 100, Duration.ofMinutes(1))).hasSize(INCIDENTS);

        RedisLeaderLease lease = new RedisLeaderLease(redis);
        assertThat(lease.holdOrTake(HealthBoard.LEASE, "replica-a", Duration.ofSeconds(30))).isTrue();
        assertThat(lease.holdOrTake(HealthBoard.LEASE, "replica-b", Duration.ofSeconds(30))).isFalse();
        RedisHealthBoard board = new RedisHealthBoard(redis);
        assertThat(board.record("replica-a", List.of(), List.of(), List.of())).isTrue();
        assertThat(board.record("replica-b", List.of(), List.of(), List.of())).as("only the lease holder").isFalse();

        RedisIncidentRooms rooms = new RedisIncidentRooms(redis);
        for (int i = 1; i <= INCIDENTS; i++) {
            rooms.save(new IncidentId(i), new IncidentRoom("slack", "C0INC" + i, "inc-" + i, null, 0, null, false));
        }
        redis.jedis().del(RedisKeys.CHANNELS);
        assertThat(rooms.rebuildChannelIndex()).isEqualTo(INCIDENTS);
        assertThat(new RedisIncidentStore(redis).findByChannel("C0INC7")).contains(new IncidentId(7));

        RedisRequestDeduplicator seen = new RedisRequestDeduplicator(redis, Duration.ofMinutes(5));
        assertThat(seen.firstDelivery("slack:trigger-1")).isTrue();
        assertThat(seen.firstDelivery("slack:trigger-1")).isFalse();
        RedisAlertMarks marks = new RedisAlertMarks(redis, Duration.ofSeconds(30), Duration.ofMinutes(5));
        List<String> alerts = List.of("alert:a:firing:null", "alert:b:firing:null", "alert:c:firing:null");
        marks.recorded(marks.take(alerts, T0));
        assertThat(marks.take(alerts, T0).found().values()).as("pipelined over the masters of their slots")
                .hasSize(3).containsOnly(AlertMarks.Found.RECORDED);
        RedisPeople people = new RedisPeople(redis);
        people.remember("U0BOB", "bob");
        assertThat(people.nameOf("U0BOB")).contains("bob");
        RedisIncidentLinks links = new RedisIncidentLinks(redis);
        links.link("alert:abc", new IncidentId(3));
        assertThat(links.find("alert:abc")).contains(new IncidentId(3));
        assertThat(new RedisNewIncidentBudget(redis, 1).take(T0)).isTrue();
        RedisStormLink storm = new RedisStormLink(redis, Duration.ofSeconds(30));
        String token = ((StormLink.Claim.Declare) storm.claim(Optional.empty())).token();
        assertThat(storm.link(token, new IncidentId(4), Optional.empty())).isTrue();
        assertThat(storm.claim(Optional.empty())).isEqualTo(new StormLink.Claim.Linked(new IncidentId(4)));
        redis.jedis().hset(RedisKeys.LINKS, RedisKeys.OLD_STORM_LINK, "INC-3");
        assertThat(new RedisStormLink(redis, Duration.ofSeconds(30)).claim(Optional.empty())).as("read on its own slot")
                .isEqualTo(new StormLink.Claim.Linked(new IncidentId(4)));
        assertThat(redis.jedis().hexists(RedisKeys.LINKS, RedisKeys.OLD_STORM_LINK)).isFalse();
        assertThat(redis.answers()).isTrue();
    }

    @Test
    void aHungMasterMakesItsIncidentsUnavailableWithinSecondsAndNothingWrongIsAnswered() {
        RedisIncidentStore store = new RedisIncidentStore(redis);
        IncidentId id = store.allocateId();
        assertThat(store.create(incident(id, IncidentState.INVESTIGATING, 1), List.of(entry("declared")))).isTrue();
        RedisServers.Node master = masters.get(RedisServers.masterOf(RedisKeys.incident(id), masters.size()));

        RedisServers.freeze(master);
        try {
            long began = System.nanoTime();
            assertThatThrownBy(() -> store.replace(incident(id, IncidentState.INVESTIGATING, 2), 1,
                    List.of(entry("while hung")), null)).isInstanceOf(StoreUnavailableException.class);
            assertThatThrownBy(store::findAll).as("no list with a master's share missing")
                    .isInstanceOf(StoreUnavailableException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - began)).as("bounded by the timeouts, not the hang")
                    .isLessThan(Duration.ofSeconds(30));
        } finally {
            RedisServers.thaw(master);
        }
        // The change sent while it hung may have been carried out once it woke (a 503 says "not known
        // to be stored", as with any lost answer); either way the incident is whole and takes changes again.
        Incident current = await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> store.find(id).orElse(null), found -> found != null);
        assertThat(store.replace(incident(id, IncidentState.INVESTIGATING, current.version() + 1), current.version(),
                List.of(entry("after")), null)).isTrue();
        List<String> timeline = store.timeline(id).stream().map(TimelineEntry::text).toList();
        assertThat(timeline).first().isEqualTo("declared");
        assertThat(timeline).last().isEqualTo("after");
        assertThat(timeline).hasSize(current.version() == 2 ? 3 : 2);
        assertThat(store.findAll()).extracting(Incident::id).contains(id);
    }

    @Test
    void aChangeStoredWhileTheIndexesMasterHangsStandsAndItsIndexEntriesFollowOnceItIsBack() {
        RedisIncidentStore store = new RedisIncidentStore(redis);
        int indexMaster = RedisServers.masterOf(RedisKeys.OPEN, masters.size());
        IncidentId id = store.allocateId();
        while (RedisServers.masterOf(RedisKeys.incident(id), masters.size()) == indexMaster) {
            id = store.allocateId(); // an incident whose own slot is on another master
        }

        RedisServers.freeze(masters.get(indexMaster));
        boolean created;
        try {
            created = store.create(incident(id, IncidentState.INVESTIGATING, 1), List.of(entry("declared")));
        } finally {
            RedisServers.thaw(masters.get(indexMaster));
        }

        assertThat(created).as("stored: answering 'failed' would make the caller declare it twice").isTrue();
        IncidentId stored = id;
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                store.findOpen().stream().anyMatch(incident -> incident.id().equals(stored)));
        assertThat(store.findByChannel("inc-" + id.number())).contains(id);
    }

    @Test
    void aWrongPasswordIsRefusedAndSaidSo() {
        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> RedisConnection.openCluster(
                RedisServers.addresses(masters), "redis://sitrep:not-the-secret@localhost", 0).close());

        assertThat(refused).isNotNull();
        assertThat(RedisTrouble.explain(refused, "the cluster")).hasValueSatisfying(explained ->
                assertThat(explained.what()).isEqualTo("Redis at the cluster refused Sitrep's password or user."));
        assertThat(String.valueOf(refused.getMessage())).doesNotContain("not-the-secret");
    }

    @Test
    void aClusterUrlNamingAnotherDatabaseIsRefusedAtOnce() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RedisConnection.openCluster(
                RedisServers.addresses(masters), "redis://localhost/3", 0))
                .hasMessage("Redis Cluster has only database 0, but sitrep.redis.url names database 3");
    }

    private static Delivery delivery(IncidentId id, String text) {
        return Delivery.fromWatcher(Watcher.REMINDER, id, List.of(new DeliveryMessage(Audience.ROOM, text)), false);
    }

    private static TimelineEntry entry(String text) {
        return new TimelineEntry(T0, T0, TimelineKind.NOTE, "alice", "test", text, Map.of());
    }

    private static Incident incident(IncidentId id, IncidentState state, long version) {
        return Incident.builder(id, state, Severity.SEV2, T0)
                .title("Login failures " + id).service("connectme").region("eu-west")
                .roles(Map.of(Role.COMMANDER, "alice")).channel("inc-" + id.number()).declaredBy("alice").detectedAt(T0)
                .version(version)
                .build();
    }
}
