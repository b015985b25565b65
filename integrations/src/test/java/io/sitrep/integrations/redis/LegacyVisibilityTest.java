package io.sitrep.integrations.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.Visibility;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;

/**
 * Records written before incidents carried their visibility: what their declaration said is
 * what they read as, and the start-up rebuild stores it into them once.
 */
@Timeout(60)
class LegacyVisibilityTest {

    private static final Instant T0 = Instant.parse("2026-02-26T08:25:00Z");

    private UnifiedJedis jedis;
    private RedisIncidentStore store;

    @BeforeEach
    void setUp() {
        RedisConnection connection = TestRedis.flushed();
        jedis = connection.jedis();
        store = new RedisIncidentStore(connection);
    }

    @Test
    void aRecordWithoutVisibilityReadsAsItsDeclarationSaid() {
        Incident secret = storeAsTheEarlierRelease(1, true);
        Incident open = storeAsTheEarlierRelease(2, false);

        assertThat(store.find(secret.id())).map(Incident::visibility).contains(Visibility.PRIVATE);
        assertThat(store.find(open.id())).map(Incident::visibility).contains(Visibility.PUBLIC);
        assertThat(store.findAll()).extracting(Incident::visibility)
                .containsExactly(Visibility.PRIVATE, Visibility.PUBLIC);
        assertThat(store.find(secret.id()).orElseThrow().toBuilder().build().visibility())
                .as("the next change writes it").isEqualTo(Visibility.PRIVATE);
    }

    @Test
    void theStartUpRebuildStoresTheVisibilityIntoOldRecordsOnce() {
        Incident secret = storeAsTheEarlierRelease(1, true);

        store.rebuildIndexes();

        String json = jedis.hget(RedisKeys.incident(secret.id()), "json");
        assertThat(IncidentJson.lacksVisibility(json)).isFalse();
        assertThat(IncidentJson.readIncident(json).visibility()).isEqualTo(Visibility.PRIVATE);
        assertThat(jedis.hget(RedisKeys.incident(secret.id()), "version")).as("not a change").isEqualTo("1");
    }

    @Test
    void aTitleThatMentionsVisibilityIsNoField() {
        Incident incident = Incident.builder(new IncidentId(1), IncidentState.TRIAGE,
                io.sitrep.incident.Severity.SEV3, T0).title("\"visibility\": lost").build();
        String json = IncidentJson.write(incident).replace(",\"visibility\":\"PUBLIC\"", "");

        assertThat(IncidentJson.lacksVisibility(json)).isTrue();
    }

    /** The record and declaration as the earlier release stored them: no visibility, {@code private} in the entry. */
    private Incident storeAsTheEarlierRelease(long number, boolean declaredPrivate) {
        Incident incident = Incident.builder(new IncidentId(number), IncidentState.INVESTIGATING,
                io.sitrep.incident.Severity.SEV2, T0).title("Quiet matter " + number)
                .visibility(declaredPrivate ? Visibility.PRIVATE : Visibility.PUBLIC).build();
        String json = IncidentJson.write(incident).replaceFirst(",\"visibility\":\"[A-Z]+\"", "");
        assertThat(IncidentJson.lacksVisibility(json)).isTrue();
        jedis.hset(RedisKeys.incident(incident.id()), Map.of("version", "1", "json", json));
        Map<String, Object> data = declaredPrivate ? Map.of("state", "INVESTIGATING", "private", true)
                : Map.of("state", "INVESTIGATING");
        TimelineEntry declared = new TimelineEntry(T0, T0, TimelineKind.DECLARED, "alice", "console",
                incident.title(), data);
        jedis.xadd(RedisKeys.timeline(incident.id()), StreamEntryID.NEW_ENTRY,
                Map.of("entry", IncidentJson.write(declared)));
        return incident;
    }
}
