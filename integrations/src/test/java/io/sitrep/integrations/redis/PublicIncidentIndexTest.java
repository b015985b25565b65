package io.sitrep.integrations.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.Postmortem;
import io.sitrep.incident.Severity;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.Visibility;
import io.sitrep.incident.store.PublicIncidentIndex.Indexed;
import io.sitrep.incident.store.PublicIncidentIndex.PublicChanges;

/** The public-incidents index: written only for what the status page shows, read by revision. */
@Timeout(60)
class PublicIncidentIndexTest {

    private static final Instant T0 = Instant.parse("2026-02-26T08:25:00Z");

    private RedisConnection connection;
    private RedisIncidentStore store;

    @BeforeEach
    void setUp() {
        connection = TestRedis.flushed();
        store = new RedisIncidentStore(connection, Clock.fixed(T0.plus(Duration.ofDays(1)), ZoneOffset.UTC));
    }

    @Test
    void anIncidentIsIndexedWithItsFirstPostAndEachShownChangeGivesItANewRevision() {
        Incident declared = declare(1, Visibility.PUBLIC);
        assertThat(store.changedSince(0).changed()).as("nothing posted yet").isEmpty();

        long trips = connection.counter().roundTrips();
        Incident posted = change(declared, TimelineKind.STAKEHOLDER_UPDATE, "We are investigating");
        assertThat(connection.counter().roundTrips() - trips)
                .as("on one Redis the change's own script indexes it: no round trip of its own").isEqualTo(1);
        PublicChanges first = store.changedSince(0);
        assertThat(first.changed()).singleElement().satisfies(indexed -> {
            assertThat(indexed.incident()).isEqualTo(posted);
            assertThat(indexed.timeline()).extracting(TimelineEntry::text).contains("We are investigating");
        });
        assertThat(store.writtenHere()).as("this store wrote it").isEqualTo(first.revision());
        assertThat(store.changedSince(first.revision())).as("nothing since")
                .isEqualTo(new PublicChanges(first.revision(), List.of()));

        Incident noted = change(posted, TimelineKind.NOTE, "internal only");
        assertThat(store.changedSince(first.revision()).changed()).as("a note is not shown").isEmpty();

        Incident resolved = change(noted.toBuilder().state(IncidentState.RESOLVED).build(), noted.version(),
                TimelineKind.STATUS_CHANGED, "resolved");
        PublicChanges second = store.changedSince(first.revision());
        assertThat(second.changed()).extracting(Indexed::incident).containsExactly(resolved);
        assertThat(second.revision()).isGreaterThan(first.revision());
    }

    @Test
    void aPrivateIncidentIsNeverIndexedWhateverIsPosted() {
        Incident secret = declare(1, Visibility.PRIVATE);
        change(secret, TimelineKind.STAKEHOLDER_UPDATE, "Only for us");

        assertThat(store.changedSince(0).changed()).isEmpty();
        assertThat(connection.jedis().exists(RedisPublicIndex.INDEX)).isFalse();
    }

    @Test
    void theRebuildAddsWhatIsMissingAndGivesNoNewRevisionToWhatIsKnown() {
        Incident posted = change(declare(1, Visibility.PUBLIC), TimelineKind.STAKEHOLDER_UPDATE, "Investigating");
        long before = store.changedSince(0).revision();

        store.rebuildIndexes();
        assertThat(store.changedSince(before).changed()).as("a restart makes no reader fetch again").isEmpty();

        connection.jedis().del(RedisPublicIndex.INDEX, RedisPublicIndex.VERSIONS);
        store.rebuildIndexes();
        assertThat(store.changedSince(before).changed()).extracting(Indexed::incident).containsExactly(posted);
    }

    @Test
    void theRebuildLeavesOutIncidentsFinishedLongerAgoThanThePageShows() {
        Instant now = T0.plus(Duration.ofDays(200));
        RedisIncidentStore later = new RedisIncidentStore(connection, Clock.fixed(now, ZoneOffset.UTC));
        Incident old = closedLongAgo(1, now.minus(Duration.ofDays(91)));
        Incident recent = closedLongAgo(2, now.minus(Duration.ofDays(89)));

        later.rebuildIndexes();

        assertThat(later.changedSince(0).changed()).extracting(i -> i.incident().id())
                .containsExactly(recent.id()).doesNotContain(old.id());
    }

    @Test
    void forgettingDropsAnIncidentUnlessItChangedSince() {
        Incident posted = change(declare(1, Visibility.PUBLIC), TimelineKind.STAKEHOLDER_UPDATE, "Investigating");
        long seen = store.changedSince(0).revision();
        change(posted, TimelineKind.STAKEHOLDER_UPDATE, "Still investigating");

        store.forget(Map.of(posted.id(), seen));
        assertThat(store.changedSince(seen).changed()).as("a newer change keeps it").hasSize(1);

        long latest = store.changedSince(0).revision();
        store.forget(Map.of(posted.id(), latest));
        assertThat(store.changedSince(0).changed()).isEmpty();
    }

    private Incident declare(long number, Visibility visibility) {
        Incident incident = Incident.builder(new IncidentId(number), IncidentState.INVESTIGATING, Severity.SEV2, T0)
                .title("Logins failing " + number).service("connectme").visibility(visibility).build();
        assertThat(store.create(incident, List.of(entry(TimelineKind.DECLARED, incident.title())))).isTrue();
        return incident;
    }

    private Incident change(Incident current, TimelineKind kind, String text) {
        Incident next = kind == TimelineKind.STAKEHOLDER_UPDATE
                ? current.toBuilder().lastUpdate(T0.plusSeconds(current.version()), text).build()
                : current.toBuilder().build();
        return change(next, current.version(), kind, text);
    }

    private Incident change(Incident next, long expected, TimelineKind kind, String text) {
        assertThat(store.replace(next, expected, List.of(entry(kind, text)))).isTrue();
        return next;
    }

    /** Closed with its postmortem published at {@code publishedAt}, written as the start-up rebuild finds it. */
    private Incident closedLongAgo(long number, Instant publishedAt) {
        Incident incident = Incident.builder(new IncidentId(number), IncidentState.CLOSED, Severity.SEV2,
                        publishedAt.minus(Duration.ofDays(2)))
                .title("Old " + number).lastUpdate(publishedAt.minus(Duration.ofDays(1)), "Resolved")
                .postmortem(Postmortem.EMPTY.completedAt(publishedAt)).build();
        connection.jedis().hset(RedisKeys.incident(incident.id()),
                Map.of("version", "1", "json", IncidentJson.write(incident)));
        return incident;
    }

    private static TimelineEntry entry(TimelineKind kind, String text) {
        return new TimelineEntry(T0, T0, kind, "alice", "console", text, Map.of());
    }
}
