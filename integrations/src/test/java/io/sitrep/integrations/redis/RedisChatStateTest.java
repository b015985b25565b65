package io.sitrep.integrations.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.sitrep.incident.IncidentId;
import io.sitrep.integrations.chat.IncidentRoom;

/** Chat rooms and request deduplication against a real embedded Redis. */
@Timeout(60)
class RedisChatStateTest {

    private static final IncidentId INC_7 = new IncidentId(7);

    private RedisConnection connection;
    private RedisIncidentRooms rooms;
    private RedisIncidentStore store;

    @BeforeEach
    void setUp() {
        connection = TestRedis.flushed();
        rooms = new RedisIncidentRooms(connection);
        store = new RedisIncidentStore(connection);
    }

    @Test
    void aSavedRoomIsFoundByIncidentAndItsChannelLeadsToTheIncident() {
        IncidentRoom room = new IncidentRoom("slack", "C0INC7", "inc-7-checkout", "1700000000.000100", 3, "Investigating",
                false);

        rooms.save(INC_7, room);

        assertThat(rooms.find(INC_7, "slack")).contains(room);
        assertThat(rooms.find(INC_7, "discord")).isEmpty();
        assertThat(store.findByChannel("C0INC7")).contains(INC_7);
    }

    @Test
    void aLaterSaveReplacesTheRoom() {
        IncidentRoom room = IncidentRoom.opened("slack", "C0INC7", "inc-7-checkout");
        rooms.save(INC_7, room);

        rooms.save(INC_7, room.withCard("1700000000.000100", 4).withTopic("Monitoring"));

        assertThat(rooms.find(INC_7, "slack")).hasValueSatisfying(saved -> {
            assertThat(saved.cardMessageId()).isEqualTo("1700000000.000100");
            assertThat(saved.cardShows(4)).isTrue();
            assertThat(saved.topic()).isEqualTo("Monitoring");
        });
    }

    @Test
    void aLostChannelIndexIsRebuiltFromTheRooms() {
        rooms.save(INC_7, IncidentRoom.opened("slack", "C0INC7", "inc-7-checkout"));
        rooms.save(new IncidentId(8), IncidentRoom.opened("slack", "C0INC8", "inc-8-search"));
        connection.jedis().del(RedisKeys.CHANNELS);

        assertThat(rooms.rebuildChannelIndex()).isEqualTo(2);

        assertThat(store.findByChannel("C0INC7")).contains(INC_7);
        assertThat(store.findByChannel("C0INC8")).contains(new IncidentId(8));
    }

    @Test
    void onlyTheFirstOfManyConcurrentDeliveriesIsFirst() throws Exception {
        RedisRequestDeduplicator deduplicator = new RedisRequestDeduplicator(connection, Duration.ofMinutes(5));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                attempts.add(() -> deduplicator.firstDelivery("slack:command:trigger-1"));
            }
            long firsts = 0;
            for (Future<Boolean> result : pool.invokeAll(attempts)) {
                firsts += result.get() ? 1 : 0;
            }
            assertThat(firsts).isEqualTo(1);
            assertThat(deduplicator.firstDelivery("slack:command:trigger-2")).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRememberedRequestIsForgottenAfterTheRetention() {
        RedisRequestDeduplicator deduplicator = new RedisRequestDeduplicator(connection, Duration.ofMinutes(5));

        deduplicator.firstDelivery("slack:view:V1");

        long ttl = connection.jedis().pttl(RedisKeys.SEEN_PREFIX + "slack:view:V1");
        assertThat(ttl).isBetween(Duration.ofMinutes(4).toMillis(), Duration.ofMinutes(5).toMillis());
    }
}
