package io.sitrep.integrations.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.Postmortem;
import io.sitrep.incident.ReminderState;
import io.sitrep.incident.Role;
import io.sitrep.incident.Severity;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.store.StoreUnavailableException;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;

/** {@link RedisIncidentStore} against a real embedded Redis. */
@Timeout(60)
class RedisIncidentStoreTest {

    private static final Instant T0 = Instant.parse("2026-02-26T08:25:00.123456789Z");

    private RedisConnection connection;
    private UnifiedJedis jedis;
    private RedisIncidentStore store;

    @BeforeEach
    void setUp() {
        connection = TestRedis.flushed();
        jedis = connection.jedis();
        store = new RedisIncidentStore(connection);
    }

    // ---------------------------------------------------------------- round trips of the values

    @Test
    void everyIncidentFieldSurvivesTheRoundTrip() {
        Incident written = fullIncident(1, IncidentState.IDENTIFIED, 1);

        assertThat(store.create(written, List.of(entry(T0, TimelineKind.DECLARED, "declared")))).isTrue();

        Incident read = store.find(written.id()).orElseThrow();
        assertThat(read).isEqualTo(written);
        // Record equality already covers these; spelled out so a failure names the field.
        assertThat(read.roles()).containsExactlyInAnyOrderEntriesOf(Map.of(
                Role.COMMANDER, "alice", Role.COMMS, "bob", Role.SCRIBE, "carol", Role.RESPONDER, "dave"));
        assertThat(read.nodes()).containsExactly("node-3", "node-7", "node-11");
        assertThat(read.declaredAt()).isEqualTo(T0);
        assertThat(read.detectedAt()).isEqualTo(T0.minusSeconds(360).plusNanos(1));
        assertThat(read.startedAt()).isEqualTo(T0.minusSeconds(600));
        assertThat(read.lastUpdateAt()).isEqualTo(T0.plusSeconds(900));
        assertThat(read.nextUpdateDueAt()).isEqualTo(T0.plusSeconds(1800));
        assertThat(read.rootCause()).isEqualTo("deadlock in the session cache");
        assertThat(read.resolution()).isEqualTo("restarted the component");
        assertThat(read.postmortem()).isEqualTo(fullPostmortem());
        assertThat(read.postmortem().actions()).extracting(io.sitrep.incident.FollowUp::text)
                .containsExactly("alert on probe latency", "add a lock timeout");
        assertThat(read.version()).isEqualTo(1);
    }

    @Test
    void aReplacedIncidentReadsBackExactlyAsWritten() {
        Incident v1 = fullIncident(1, IncidentState.INVESTIGATING, 1);
        store.create(v1, List.of(entry(T0, TimelineKind.DECLARED, "declared")));
        Incident v2 = v1.toBuilder()
                .state(IncidentState.RESOLVED)
                .severity(Severity.SEV4)
                .role(Role.COMMANDER, "zoe")
                .rootCause("a different cause")
                .resolution("a different fix")
                .lastUpdate(T0.plusSeconds(3600), "Resolved: restarted the component")
                .nextUpdateDueAt(null)
                .postmortem(fullPostmortem().withAction("third action").completedAt(T0.plusSeconds(86_400)))
                .build();

        assertThat(store.replace(v2, 1, List.of(entry(T0.plusSeconds(60), TimelineKind.STATUS_CHANGED, "resolved"))))
                .isTrue();

        assertThat(store.find(v1.id())).contains(v2);
        assertThat(store.find(v1.id()).orElseThrow().version()).isEqualTo(2);
        assertThat(store.find(v1.id()).orElseThrow().nextUpdateDueAt()).isNull();
    }

    @Test
    void anIncidentWithOnlyTheRequiredFieldsSurvivesTheRoundTrip() {
        Incident sparse = Incident.builder(new IncidentId(2), IncidentState.TRIAGE, Severity.SEV3, T0).build();

        store.create(sparse, List.of(entry(T0, TimelineKind.DECLARED, "")));

        assertThat(store.find(sparse.id())).contains(sparse);
    }

    @Test
    void everyTimelineFieldSurvivesTheRoundTripIncludingNestedData() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("probe", "login");
        nested.put("latencyMs", 1200);
        nested.put("healthy", false);
        nested.put("tags", List.of("eu-west", "node-3"));
        nested.put("deeper", Map.of("ratio", 0.25, "names", List.of("a", "b")));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("from", "INVESTIGATING");
        data.put("to", "IDENTIFIED");
        data.put("count", 3);
        data.put("flag", true);
        data.put("nodes", List.of("node-3", "node-7"));
        data.put("check", nested);
        data.put("list of maps", List.of(Map.of("k", "v"), Map.of("k", 2)));
        TimelineEntry full = new TimelineEntry(T0.plusNanos(7), T0.plusSeconds(42).plusNanos(999_999_999),
                TimelineKind.HEALTH_CHANGED, "health-checker", "health", "node-3 is failing\nline two ✓", data);
        TimelineEntry declared = entry(T0, TimelineKind.DECLARED, "declared");
        Incident incident = fullIncident(1, IncidentState.INVESTIGATING, 1);

        store.create(incident, List.of(declared, full));

        List<TimelineEntry> read = store.timeline(incident.id());
        assertThat(read).containsExactly(declared, full);
        TimelineEntry back = read.get(1);
        assertThat(back.at()).isEqualTo(full.at());
        assertThat(back.recordedAt()).isEqualTo(full.recordedAt());
        assertThat(back.kind()).isEqualTo(TimelineKind.HEALTH_CHANGED);
        assertThat(back.actor()).isEqualTo("health-checker");
        assertThat(back.source()).isEqualTo("health");
        assertThat(back.text()).isEqualTo("node-3 is failing\nline two ✓");
        assertThat(back.data()).isEqualTo(data);
        assertThat(back.data().get("check")).isEqualTo(nested);
    }

    @Test
    void anUnknownIncidentHasNoRecordAndAnEmptyTimeline() {
        assertThat(store.find(new IncidentId(99))).isEmpty();
        assertThat(store.timeline(new IncidentId(99))).isEmpty();
    }

    // ---------------------------------------------------------------- create and replace

    @Test
    void createRefusesAnExistingIdAndChangesNothing() {
        Incident original = fullIncident(1, IncidentState.INVESTIGATING, 1);
        TimelineEntry declared = entry(T0, TimelineKind.DECLARED, "declared");
        assertThat(store.create(original, List.of(declared))).isTrue();
        Incident impostor = Incident.builder(original.id(), IncidentState.TRIAGE, Severity.SEV4, T0.plusSeconds(5))
                .title("another title").service("other").region("us-east").channel("inc-1-impostor")
                .declaredBy("mallory")
                .build();

        boolean created = store.create(impostor, List.of(entry(T0.plusSeconds(5), TimelineKind.DECLARED, "again"),
                entry(T0.plusSeconds(6), TimelineKind.NOTE, "more")));

        assertThat(created).isFalse();
        assertThat(store.find(original.id())).contains(original);
        assertThat(store.timeline(original.id())).containsExactly(declared);
        assertThat(jedis.xlen(RedisKeys.timeline(original.id()))).isEqualTo(1);
        assertThat(store.findByChannel("inc-1-impostor")).isEmpty();
        assertThat(store.findByChannel(original.channel())).contains(original.id());
    }

    @Test
    void staleVersionWritesNothing() {
        Incident v1 = fullIncident(1, IncidentState.INVESTIGATING, 1);
        store.create(v1, List.of(entry(T0, TimelineKind.DECLARED, "declared")));
        Incident v2 = v1.toBuilder().severity(Severity.SEV1).build();
        assertThat(store.replace(v2, 1, List.of(entry(T0.plusSeconds(1), TimelineKind.SEVERITY_CHANGED, "sev1"))))
                .isTrue();
        List<TimelineEntry> timelineBefore = store.timeline(v1.id());

        // A writer that read v1 and did not see v2.
        Incident staleNext = v1.toBuilder().state(IncidentState.CANCELLED).build();
        boolean replaced = store.replace(staleNext, 1,
                List.of(entry(T0.plusSeconds(2), TimelineKind.STATUS_CHANGED, "cancelled")));

        assertThat(replaced).isFalse();
        assertThat(store.find(v1.id())).contains(v2);
        assertThat(store.timeline(v1.id())).isEqualTo(timelineBefore).hasSize(2);
        assertThat(jedis.xlen(RedisKeys.timeline(v1.id()))).isEqualTo(2);
        // A refused closing write must not touch the open index either.
        assertThat(store.findOpen()).extracting(Incident::id).containsExactly(v1.id());
    }

    @Test
    void aVersionFromTheFutureWritesNothing() {
        Incident v1 = fullIncident(1, IncidentState.INVESTIGATING, 1);
        store.create(v1, List.of(entry(T0, TimelineKind.DECLARED, "declared")));

        boolean replaced = store.replace(v1.toBuilder().build(), 5,
                List.of(entry(T0.plusSeconds(1), TimelineKind.NOTE, "note")));

        assertThat(replaced).isFalse();
        assertThat(store.find(v1.id())).contains(v1);
        assertThat(store.timeline(v1.id())).hasSize(1);
    }

    @Test
    void replacingAnIncidentThatDoesNotExistWritesNothing() {
        Incident ghost = fullIncident(5, IncidentState.INVESTIGATING, 2);

        boolean replaced = store.replace(ghost, 1, List.of(entry(T0, TimelineKind.NOTE, "note")));

        assertThat(replaced).isFalse();
        assertThat(store.find(ghost.id())).isEmpty();
        assertThat(store.timeline(ghost.id())).isEmpty();
        assertThat(jedis.exists(RedisKeys.timeline(ghost.id()))).isFalse();
    }

    @Test
    void theRightVersionWritesRecordAndTimelineTogether() {
        Incident v1 = fullIncident(1, IncidentState.INVESTIGATING, 1);
        TimelineEntry declared = entry(T0, TimelineKind.DECLARED, "declared");
        store.create(v1, List.of(declared));
        Incident v2 = v1.toBuilder().state(IncidentState.IDENTIFIED).rootCause("bad deploy").build();
        TimelineEntry status = new TimelineEntry(T0.plusSeconds(60), T0.plusSeconds(60), TimelineKind.STATUS_CHANGED,
                "alice", "slack", "identified: bad deploy", Map.of("from", "INVESTIGATING", "to", "IDENTIFIED"));
        TimelineEntry note = entry(T0.plusSeconds(61), TimelineKind.NOTE, "rolling back");

        boolean replaced = store.replace(v2, 1, List.of(status, note));

        assertThat(replaced).isTrue();
        assertThat(store.find(v1.id())).contains(v2);
        assertThat(store.timeline(v1.id())).containsExactly(declared, status, note);
        assertThat(jedis.hget(RedisKeys.incident(v1.id()), "version")).isEqualTo("2");
    }

    // ---------------------------------------------------------------- timeline order

    @Test
    void timelineIsOldestFirstByWhenItHappenedEvenForBackfilledEntries() {
        Incident incident = fullIncident(1, IncidentState.INVESTIGATING, 1);
        TimelineEntry declared = entry(T0, TimelineKind.DECLARED, "declared");
        TimelineEntry later = entry(T0.plusSeconds(120), TimelineKind.NOTE, "later");
        store.create(incident, List.of(declared, later));
        // Learned of afterwards: the alert fired before the declaration, the note between.
        TimelineEntry alert = new TimelineEntry(T0.minusSeconds(300), T0.plusSeconds(200), TimelineKind.ALERT,
                "alertmanager", "alert", "login error rate", Map.of());
        TimelineEntry between = new TimelineEntry(T0.plusSeconds(60), T0.plusSeconds(201), TimelineKind.NOTE,
                "bob", "console", "between", Map.of());
        store.replace(incident.toBuilder().build(), 1, List.of(alert, between));

        List<TimelineEntry> timeline = store.timeline(incident.id());

        assertThat(timeline).containsExactly(alert, declared, between, later);
        // The stream itself is in recording order, so the sort is what put them in place.
        List<StreamEntry> raw = jedis.xrange(RedisKeys.timeline(incident.id()), "-", "+");
        assertThat(raw).extracting(e -> IncidentJson.readEntry(e.getFields().get("entry")))
                .containsExactly(declared, later, alert, between);
    }

    @Test
    void entriesThatHappenedAtTheSameInstantKeepTheirRecordingOrder() {
        Incident incident = fullIncident(1, IncidentState.INVESTIGATING, 1);
        List<TimelineEntry> same = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            same.add(entry(T0, TimelineKind.NOTE, "note " + i));
        }
        store.create(incident, same);

        assertThat(store.timeline(incident.id())).containsExactlyElementsOf(same);
    }

    // ---------------------------------------------------------------- indexes

    @Test
    void findOpenExcludesClosedAndCancelledIncidents() {
        Incident three = create(3, IncidentState.MONITORING);
        Incident one = create(1, IncidentState.TRIAGE);
        Incident two = create(2, IncidentState.INVESTIGATING);
        Incident four = create(4, IncidentState.INVESTIGATING);
        Incident five = create(5, IncidentState.POSTMORTEM);
        store.replace(four.toBuilder().state(IncidentState.CANCELLED).build(), 1,
                List.of(entry(T0.plusSeconds(9), TimelineKind.STATUS_CHANGED, "cancelled")));
        store.replace(five.toBuilder().state(IncidentState.CLOSED).build(), 1,
                List.of(entry(T0.plusSeconds(9), TimelineKind.STATUS_CHANGED, "closed")));

        List<Incident> open = store.findOpen();

        assertThat(open).extracting(Incident::id).containsExactly(one.id(), two.id(), three.id());
        assertThat(open).containsExactly(one, two, three);
        assertThat(jedis.smembers(RedisKeys.OPEN)).containsExactlyInAnyOrder("INC-1", "INC-2", "INC-3");
    }

    @Test
    void findOpenHealsAStaleOpenIndexEntry() {
        Incident open = create(1, IncidentState.INVESTIGATING);
        Incident closing = create(2, IncidentState.INVESTIGATING);
        store.replace(closing.toBuilder().state(IncidentState.CANCELLED).build(), 1,
                List.of(entry(T0.plusSeconds(9), TimelineKind.STATUS_CHANGED, "cancelled")));
        // A writer that cancelled it and died before its index update.
        jedis.sadd(RedisKeys.OPEN, "INC-2");

        List<Incident> found = store.findOpen();

        assertThat(found).extracting(Incident::id).containsExactly(open.id());
        assertThat(jedis.smembers(RedisKeys.OPEN)).containsExactly("INC-1");
    }

    @Test
    void findByChannelFindsTheIncidentThatOwnsTheChannel() {
        Incident one = create(1, IncidentState.INVESTIGATING);
        Incident two = create(2, IncidentState.TRIAGE);

        assertThat(store.findByChannel(one.channel())).contains(one.id());
        assertThat(store.findByChannel(two.channel())).contains(two.id());
        assertThat(store.findByChannel("no-such-channel")).isEmpty();
    }

    @Test
    void aCancelledIncidentKeepsItsChannel() {
        Incident one = create(1, IncidentState.INVESTIGATING);
        store.replace(one.toBuilder().state(IncidentState.CANCELLED).build(), 1,
                List.of(entry(T0.plusSeconds(9), TimelineKind.STATUS_CHANGED, "cancelled")));

        assertThat(store.findByChannel(one.channel())).contains(one.id());
    }

    @Test
    void rebuildIndexesRestoresOpenSetChannelsAndIdCounter() {
        List<Incident> stored = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            stored.add(create(store.allocateId().number(), IncidentState.INVESTIGATING));
        }
        store.replace(stored.get(1).toBuilder().state(IncidentState.CLOSED).build(), 1,
                List.of(entry(T0.plusSeconds(9), TimelineKind.STATUS_CHANGED, "closed")));
        // An incident above the counter, as after a counter lost with the index keys.
        Incident high = create(42, IncidentState.IDENTIFIED);
        Map<String, String> channelsBefore = jedis.hgetAll(RedisKeys.CHANNELS);
        assertThat(channelsBefore).hasSize(4);

        jedis.del(RedisKeys.OPEN, RedisKeys.CHANNELS, RedisKeys.ID_COUNTER);
        assertThat(store.findOpen()).isEmpty();
        assertThat(store.findByChannel(high.channel())).isEmpty();

        int found = store.rebuildIndexes();

        assertThat(found).isEqualTo(4);
        assertThat(store.findOpen()).extracting(Incident::id)
                .containsExactly(stored.get(0).id(), stored.get(2).id(), high.id());
        assertThat(jedis.hgetAll(RedisKeys.CHANNELS)).isEqualTo(channelsBefore);
        for (Incident incident : stored) {
            assertThat(store.findByChannel(incident.channel())).contains(incident.id());
        }
        assertThat(store.findByChannel(high.channel())).contains(high.id());
        assertThat(jedis.get(RedisKeys.ID_COUNTER)).isEqualTo("42");

        // Idempotent: a second run finds the same and changes nothing.
        Set<String> openAfterFirst = jedis.smembers(RedisKeys.OPEN);
        assertThat(store.rebuildIndexes()).isEqualTo(4);
        assertThat(jedis.smembers(RedisKeys.OPEN)).isEqualTo(openAfterFirst);
        assertThat(jedis.hgetAll(RedisKeys.CHANNELS)).isEqualTo(channelsBefore);
        assertThat(jedis.get(RedisKeys.ID_COUNTER)).isEqualTo("42");

        IncidentId next = store.allocateId();
        assertThat(next.number()).isGreaterThan(42);
        assertThat(store.create(fullIncident(next.number(), IncidentState.INVESTIGATING, 1),
                List.of(entry(T0, TimelineKind.DECLARED, "declared")))).isTrue();
    }

    @Test
    void rebuildIndexesNeverMovesTheIdCounterBack() {
        create(3, IncidentState.INVESTIGATING);
        jedis.set(RedisKeys.ID_COUNTER, "100");

        store.rebuildIndexes();

        assertThat(store.allocateId()).isEqualTo(new IncidentId(101));
    }

    @Test
    void rebuildIndexesOnAnEmptyStoreFindsNothing() {
        assertThat(store.rebuildIndexes()).isZero();
        assertThat(store.findOpen()).isEmpty();
        assertThat(store.allocateId()).isEqualTo(new IncidentId(1));
    }

    @Test
    void allocatedIdsAreFreshAndIncreasing() {
        IncidentId first = store.allocateId();
        IncidentId second = store.allocateId();
        IncidentId third = store.allocateId();

        assertThat(List.of(first, second, third)).isSorted().doesNotHaveDuplicates();
        assertThat(second.number()).isEqualTo(first.number() + 1);
    }

    // ---------------------------------------------------------------- durability

    @Test
    void aRestartedServerStillHasEveryIncidentAndTimelineEntry() {
        var dataDir = TestRedis.tempDir("sitrep-restart-test");
        Incident v2;
        Incident other;
        List<TimelineEntry> timeline;
        IncidentId lastAllocated;
        EmbeddedRedis first = EmbeddedRedis.start(dataDir);
        try (RedisConnection firstConnection = RedisConnection.open(first.url())) {
            RedisIncidentStore firstStore = new RedisIncidentStore(firstConnection);
            IncidentId id = firstStore.allocateId();
            Incident v1 = fullIncident(id.number(), IncidentState.INVESTIGATING, 1);
            TimelineEntry declared = entry(T0, TimelineKind.DECLARED, "declared");
            assertThat(firstStore.create(v1, List.of(declared))).isTrue();
            v2 = v1.toBuilder().state(IncidentState.IDENTIFIED).rootCause("bad deploy").build();
            TimelineEntry status = new TimelineEntry(T0.plusSeconds(60), T0.plusSeconds(61),
                    TimelineKind.STATUS_CHANGED, "alice", "slack", "identified",
                    Map.of("from", "INVESTIGATING", "to", "IDENTIFIED", "extra", Map.of("n", 1)));
            TimelineEntry backfilled = entry(T0.minusSeconds(30), TimelineKind.ALERT, "alert fired");
            assertThat(firstStore.replace(v2, 1, List.of(status, backfilled))).isTrue();
            lastAllocated = firstStore.allocateId();
            other = fullIncident(lastAllocated.number(), IncidentState.TRIAGE, 1);
            assertThat(firstStore.create(other, List.of(entry(T0, TimelineKind.DECLARED, "other")))).isTrue();
            timeline = List.of(backfilled, declared, status);
        } finally {
            first.close();
        }

        EmbeddedRedis second = EmbeddedRedis.start(dataDir);
        try (RedisConnection secondConnection = RedisConnection.open(second.url())) {
            RedisIncidentStore secondStore = new RedisIncidentStore(secondConnection);

            assertThat(secondStore.find(v2.id())).contains(v2);
            assertThat(secondStore.find(other.id())).contains(other);
            assertThat(secondStore.timeline(v2.id())).containsExactlyElementsOf(timeline);
            assertThat(secondStore.timeline(other.id())).hasSize(1);
            assertThat(secondStore.findOpen()).containsExactly(v2, other);
            assertThat(secondStore.findByChannel(v2.channel())).contains(v2.id());
            assertThat(secondStore.allocateId().number()).isGreaterThan(lastAllocated.number());
        } finally {
            second.close();
        }
    }

    // ---------------------------------------------------------------- key layout

    @Test
    void everyKeyOfOneIncidentCarriesItsHashTag() {
        Incident one = create(1, IncidentState.INVESTIGATING);
        Incident v2 = one.toBuilder().state(IncidentState.IDENTIFIED).build();
        assertThat(store.replace(v2, 1,
                List.of(entry(T0.plusSeconds(1), TimelineKind.STATUS_CHANGED, "identified")))).isTrue();
        assertThat(store.replace(v2.toBuilder().state(IncidentState.CLOSED).build(), 2,
                List.of(entry(T0.plusSeconds(2), TimelineKind.STATUS_CHANGED, "closed")))).isTrue();
        create(2, IncidentState.TRIAGE);

        Set<String> keys = jedis.keys("*INC-1*");

        assertThat(keys).containsExactlyInAnyOrder(RedisKeys.incident(one.id()), RedisKeys.timeline(one.id()));
        assertThat(keys).allSatisfy(key -> assertThat(key).contains("{INC-1}"));
    }

    // ---------------------------------------------------------------- round trips

    @Test
    void commonCommandsAndPublicChangesCostOneRoundTripAndClosingTwo() {
        RoundTripCounter counter = connection.counter();
        Incident a = create(1, IncidentState.INVESTIGATING);  // also loads the write script
        Incident b = create(2, IncidentState.INVESTIGATING);

        long before = counter.roundTrips();
        store.find(a.id());
        assertThat(counter.roundTrips() - before).as("find").isEqualTo(1);

        before = counter.roundTrips();
        assertThat(store.replace(a.toBuilder().build(), 1,
                List.of(entry(T0.plusSeconds(1), TimelineKind.NOTE, "a note")))).isTrue();
        assertThat(counter.roundTrips() - before).as("replace of an open incident").isEqualTo(1);

        before = counter.roundTrips();
        assertThat(store.replace(a.toBuilder().severity(Severity.SEV1).build(), 2,
                List.of(entry(T0.plusSeconds(1), TimelineKind.SEVERITY_CHANGED, "sev1")))).isTrue();
        assertThat(counter.roundTrips() - before)
                .as("a change the status page shows, of an incident posted about: indexed by the change's own script")
                .isEqualTo(1);

        before = counter.roundTrips();
        assertThat(store.replace(b.toBuilder().state(IncidentState.CANCELLED).build(), 1,
                List.of(entry(T0.plusSeconds(1), TimelineKind.STATUS_CHANGED, "cancelled")))).isTrue();
        assertThat(counter.roundTrips() - before).as("replace that closes").isEqualTo(2);

        before = counter.roundTrips();
        store.timeline(a.id());
        assertThat(counter.roundTrips() - before).as("timeline").isEqualTo(1);
    }

    @Test
    void aWriteAfterTheScriptCacheWasFlushedStillSucceeds() {
        Incident a = create(1, IncidentState.INVESTIGATING);
        jedis.scriptFlush();

        boolean replaced = store.replace(a.toBuilder().severity(Severity.SEV1).build(), 1,
                List.of(entry(T0.plusSeconds(1), TimelineKind.SEVERITY_CHANGED, "sev1")));

        assertThat(replaced).isTrue();
        assertThat(store.find(a.id()).orElseThrow().severity()).isEqualTo(Severity.SEV1);
        assertThat(store.timeline(a.id())).hasSize(2);
    }

    // ---------------------------------------------------------------- unavailability

    @Test
    void aStoreWhoseRedisIsNotListeningIsUnavailable() {
        try (RedisConnection dead = RedisConnection.open("redis://127.0.0.1:" + unusedPort())) {
            RedisIncidentStore unreachable = new RedisIncidentStore(dead);

            assertThatThrownBy(() -> unreachable.find(new IncidentId(1)))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("Redis is unavailable");
            assertThatThrownBy(() -> unreachable.create(fullIncident(1, IncidentState.TRIAGE, 1),
                    List.of(entry(T0, TimelineKind.DECLARED, "declared"))))
                    .isInstanceOf(StoreUnavailableException.class);
            assertThatThrownBy(unreachable::findOpen).isInstanceOf(StoreUnavailableException.class);
            assertThatThrownBy(unreachable::allocateId).isInstanceOf(StoreUnavailableException.class);
        }
    }

    // ---------------------------------------------------------------- fixtures

    private Incident create(long number, IncidentState state) {
        Incident incident = fullIncident(number, state, 1);
        assertThat(store.create(incident, List.of(entry(T0, TimelineKind.DECLARED, "declared INC-" + number))))
                .isTrue();
        return incident;
    }

    static Incident fullIncident(long number, IncidentState state, long version) {
        return Incident.builder(new IncidentId(number), state, Severity.SEV2, T0)
                .title("ConnectMe login failures #" + number).service("connectme").region("eu-west")
                .nodes(List.of("node-3", "node-7", "node-11"))
                .roles(Map.of(Role.COMMANDER, "alice", Role.COMMS, "bob", Role.SCRIBE, "carol", Role.RESPONDER, "dave"))
                .channel("inc-" + number + "-connectme-login-failures").declaredBy("alice")
                .detectedAt(T0.minusSeconds(360).plusNanos(1)).startedAt(T0.minusSeconds(600))
                .lastUpdate(T0.plusSeconds(900), "Investigating, restarting node-3").nextUpdateDueAt(T0.plusSeconds(1800))
                .rootCause("deadlock in the session cache").resolution("restarted the component")
                .postmortem(fullPostmortem())
                .reminders(new ReminderState(T0.plusSeconds(1800), T0.plusSeconds(2000), T0.plusSeconds(2700),
                        T0.plusSeconds(2100), T0.plusSeconds(2400)))
                .version(version)
                .build();
    }

    static Postmortem fullPostmortem() {
        return new Postmortem("erin", "software", "node-3 deadlocked", "40% of logins failed for 25 minutes",
                "lock ordering in the session cache", "restart, then a patched release",
                List.of(io.sitrep.incident.FollowUp.open(1, "alert on probe latency", "erin", java.time.LocalDate.of(2026, 3, 20)),
                        io.sitrep.incident.FollowUp.open(2, "add a lock timeout", null, null)
                                .trackedBy(new io.sitrep.incident.FollowUp.Tracker("github", "acme/ops#12",
                                        "https://github.com/acme/ops/issues/12"))),
                T0.plus(Duration.ofDays(2)));
    }

    static TimelineEntry entry(Instant at, TimelineKind kind, String text) {
        return new TimelineEntry(at, at.plusMillis(250), kind, "alice", "console", text, Map.of("text", text));
    }

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
