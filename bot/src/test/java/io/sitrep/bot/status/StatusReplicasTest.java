package io.sitrep.bot.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.sitrep.bot.UpgradeFixture;
import io.sitrep.bot.postmortem.IncidentReplay;
import io.sitrep.config.StatusSettings;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.Visibility;
import io.sitrep.integrations.redis.RedisConnection;
import io.sitrep.integrations.redis.RedisIncidentStore;
import io.sitrep.integrations.redis.TestRedis;

/**
 * The status page of two replicas on one Redis: the replica that takes a post shows it on the
 * next request, the other within two seconds; private incidents never show, and incidents over
 * for longer than the page's 90 days leave it.
 */
@Timeout(60)
class StatusReplicasTest {

    private static final StatusSettings SETTINGS = new StatusSettings("Status", List.of());
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** The replica the commands are typed on: its store is the replay's. */
    private final IncidentReplay replay = IncidentReplay.connectMe();
    private final StatusController writing = new StatusController(replay.store, SETTINGS, replay.clock, JSON);
    /** Another replica: a store of its own, on a connection of its own, to the same Redis database. */
    private final RedisConnection otherConnection = RedisConnection.open(TestRedis.server().url() + "/1");
    private final StatusController other = new StatusController(new RedisIncidentStore(otherConnection, replay.clock),
            SETTINGS, replay.clock, JSON);

    @AfterEach
    void close() {
        otherConnection.close();
    }

    @Test
    void aPostShowsAtOnceOnTheReplicaThatTookItAndOnAnotherWithinTwoSeconds() {
        replay.clock.set(Instant.parse("2026-03-06T12:00:00Z"));
        assertThat(page(writing)).doesNotContain("Payments failing");
        assertThat(page(other)).doesNotContain("Payments failing");

        replay.at("2026-03-06T12:00:00Z", "mallory", "declare \"Payments failing\" --sev 1 --service payments")
                .at("2026-03-06T12:00:01Z", "mallory", "update INC-2 \"We are investigating payment failures\"");
        long posted = System.nanoTime();

        assertThat(page(writing)).as("at once, on the replica that took it").contains("We are investigating payment failures");
        Duration seen = visibleWithin(other, "We are investigating payment failures", Duration.ofSeconds(2));
        assertThat(seen).as("on another replica (posted %s ago)", Duration.ofNanos(System.nanoTime() - posted))
                .isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aPrivateIncidentNeverShowsWhateverIsPosted() {
        replay.at("2026-03-06T09:03:00Z", "mallory", "declare \"Quiet security matter\" --private --service payments")
                .at("2026-03-06T09:04:00Z", "mallory", "update INC-2 \"Only for us\"")
                .at("2026-03-06T09:05:00Z", "mallory", "resolved INC-2 \"Fixed quietly\"");
        assertThat(replay.store.find(new IncidentId(2)).orElseThrow().visibility()).isEqualTo(Visibility.PRIVATE);

        for (StatusController replica : List.of(writing, other)) {
            assertThat(page(replica)).contains("ConnectMe (EU) login and calls failing")
                    .doesNotContain("Quiet security matter", "Only for us", "Fixed quietly");
        }
    }

    @Test
    void anIncidentOverForLongerThanNinetyDaysLeavesThePageAndTheIndex() {
        replay.clock.set(Instant.parse("2026-03-06T12:00:00Z"));
        StatusReader reader = new StatusReader(replay.store, SETTINGS, replay.clock);
        assertThat(reader.read().history()).extracting(PublicStatus.PublicIncident::id).containsExactly("INC-1");

        // Its last post (the postmortem) was on 2026-03-05: 91 days on it is gone.
        replay.clock.set(Instant.parse("2026-06-04T12:00:00Z"));
        assertThat(reader.read().history()).as("from the reader that had it").isEmpty();
        assertThat(replay.store.changedSince(0).changed()).as("and from the index").isEmpty();
        assertThat(page(other)).as("a replica starting now never sees it")
                .doesNotContain("ConnectMe (EU) login and calls failing");
    }

    @Test
    void incidentsStoredByThePreviousReleaseEnterTheIndexAtStartUpAndKeepTheirVisibility() throws Exception {
        RedisConnection redis = TestRedis.flushed();
        UpgradeFixture.load(redis.jedis(), "/upgrade/0.2.0-snapshot-public-and-private-incidents.jsonl");
        replay.clock.set(Instant.parse("2026-02-26T10:00:00Z"));
        RedisIncidentStore upgraded = new RedisIncidentStore(redis, replay.clock);

        upgraded.rebuildIndexes();

        assertThat(upgraded.find(new IncidentId(2)).orElseThrow().visibility()).isEqualTo(Visibility.PRIVATE);
        String page = page(new StatusController(upgraded, SETTINGS, replay.clock, JSON));
        assertThat(page).contains("ConnectMe logins failing", "restarted the component")
                .doesNotContain("Quiet security matter", "Only for us");
        assertThat(upgraded.changedSince(0).changed()).extracting(indexed -> indexed.incident().id())
                .containsExactly(new IncidentId(1));
    }

    private static String page(StatusController replica) {
        return new String(replica.page(null, null).getBody(), StandardCharsets.UTF_8);
    }

    /** How long until the replica's page says {@code text}, asking every 20 ms up to {@code deadline}. */
    private static Duration visibleWithin(StatusController replica, String text, Duration deadline) {
        long start = System.nanoTime();
        long end = start + deadline.toNanos() + Duration.ofMillis(500).toNanos();
        while (!page(replica).contains(text)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not on the other replica's page after " + deadline);
            }
            sleep(20);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
