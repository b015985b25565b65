package io.sitrep.bot.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.sitrep.bot.command.MutableClock;
import io.sitrep.integrations.redis.RedisConnection;
import io.sitrep.integrations.redis.RedisMaintenance;
import io.sitrep.integrations.redis.TestRedis;

/**
 * A window's edges on a real Redis with a clock the test moves: two replicas, each with its own
 * clock loop and connection, post each transition exactly once between them; a replica started
 * after the window ended completes it once, late, saying so; a window called off never starts.
 */
class MaintenanceClockTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final Instant FROM = Instant.parse("2026-12-08T02:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-08T04:00:00Z");

    private final RedisConnection redis = TestRedis.flushed();
    private final RedisConnection second = RedisConnection.open(TestRedis.server().url() + "/1");
    private final MutableClock clock = MutableClock.at(NOW);
    private final List<String> posts = new CopyOnWriteArrayList<>();
    private final ExecutorService replicas = Executors.newFixedThreadPool(2);

    @AfterEach
    void close() {
        replicas.shutdownNow();
        second.close();
    }

    private MaintenanceDesk replica(RedisConnection connection) {
        MaintenanceDesk desk = new MaintenanceDesk(new MaintenanceStore(new RedisMaintenance(connection)), clock);
        desk.postTo((id, window, post) -> posts.add(window.id() + " " + post.kind() + ": " + post.text()));
        return desk;
    }

    @Test
    void twoReplicasPostScheduledStartedAndCompletedExactlyOnceBetweenThem() throws Exception {
        MaintenanceDesk one = replica(redis);
        MaintenanceDesk two = replica(second);
        MaintenanceWindow window = one.schedule("Database upgrade", "connectme", "eu-west", FROM, TO, "alice");
        assertThat(window.id()).isEqualTo("MNT-1");
        assertThat(posts).containsExactly("MNT-1 scheduled: Scheduled maintenance: Database upgrade on connectme "
                + "(eu-west), Dec 8, 2026 02:00 – 04:00 UTC.");

        assertThat(bothLook(one, two)).as("nothing is due before its start").isZero();
        clock.set(FROM.plusSeconds(1));
        assertThat(bothLook(one, two)).isEqualTo(1);
        assertThat(one.store().find("MNT-1").orElseThrow().state()).isEqualTo(MaintenanceState.IN_PROGRESS);
        clock.set(TO);
        assertThat(bothLook(one, two)).isEqualTo(1);
        assertThat(bothLook(one, two)).isZero();

        assertThat(posts).hasSize(3);
        assertThat(posts.get(1)).isEqualTo("MNT-1 started: Maintenance in progress: Database upgrade on connectme "
                + "(eu-west), until 04:00 UTC.");
        assertThat(posts.get(2)).isEqualTo("MNT-1 completed: Maintenance completed: Database upgrade on connectme "
                + "(eu-west).");
        MaintenanceWindow done = one.store().find("MNT-1").orElseThrow();
        assertThat(done.state()).isEqualTo(MaintenanceState.COMPLETED);
        assertThat(done.posts()).extracting(MaintenanceWindow.Post::kind)
                .containsExactly("scheduled", "started", "completed");
        assertThat(one.store().timeline("MNT-1")).extracting(MaintenanceEntry::kind)
                .containsExactly("scheduled", "started", "completed");
        assertThat(one.store().active()).isEmpty();
        assertThat(one.store().endedSince(NOW, 10)).extracting(MaintenanceWindow::id).containsExactly("MNT-1");
        assertThat(one.store().earliestDue()).as("nothing left on the clock").isEmpty();
    }

    @Test
    void aReplicaStartedAfterTheEndStartsAndCompletesTheWindowOnceLateSayingSo() {
        replica(redis).schedule("Kernel patching", "connectme", null, FROM, TO, "alice");
        clock.set(TO.plus(Duration.ofHours(3)));

        MaintenanceDesk restarted = replica(second);
        MaintenanceClock loop = new MaintenanceClock(restarted);
        assertThat(loop.runDue()).isEqualTo(2);
        assertThat(loop.runDue()).isZero();
        assertThat(new MaintenanceClock(replica(redis)).runDue()).as("another replica after it").isZero();

        assertThat(posts).hasSize(3);
        assertThat(posts.get(1)).startsWith("MNT-1 started: ").contains("(Recorded late, at 2026-12-08 07:00 UTC; "
                + "it was due at 2026-12-08 02:00 UTC.)");
        assertThat(posts.get(2)).startsWith("MNT-1 completed: ").contains("(Recorded late, at 2026-12-08 07:00 UTC; "
                + "it was due at 2026-12-08 04:00 UTC.)");
    }

    @Test
    void aWindowCalledOffBeforeItsStartNeverStarts() {
        MaintenanceDesk desk = replica(redis);
        desk.schedule("Database upgrade", "connectme", null, FROM, TO, "alice");
        assertThat(desk.cancel("MNT-1", "moved to next week", "alice")).isPresent();
        assertThat(desk.cancel("MNT-1", "again", "alice")).as("once").isEmpty();
        clock.set(TO.plusSeconds(60));
        assertThat(new MaintenanceClock(desk).runDue()).isZero();

        assertThat(posts).hasSize(2);
        assertThat(posts.get(1)).isEqualTo("MNT-1 cancelled: Maintenance cancelled: Database upgrade on connectme "
                + "(Dec 8, 2026 02:00 – 04:00 UTC): moved to next week.");
        assertThat(desk.store().find("MNT-1").orElseThrow().state()).isEqualTo(MaintenanceState.CANCELLED);
        assertThat(desk.store().active()).isEmpty();
    }

    @Test
    void theLoopMovesWindowsOnItsOwn() throws Exception {
        MaintenanceDesk desk = replica(redis);
        desk.schedule("Database upgrade", "connectme", null, FROM, TO, "alice");
        clock.set(TO.plusSeconds(1));
        try (MaintenanceClock loop = new MaintenanceClock(desk); MaintenanceClock other = new MaintenanceClock(replica(second))) {
            loop.start(Duration.ofMillis(20));
            other.start(Duration.ofMillis(20));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (posts.size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(200);
        }
        assertThat(posts).hasSize(3);
    }

    /** Both replicas' passes at once, released together: how many moves they wrote between them. */
    private int bothLook(MaintenanceDesk one, MaintenanceDesk two) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        Future<Integer> first = replicas.submit(() -> {
            go.await();
            return new MaintenanceClock(one).runDue();
        });
        Future<Integer> second = replicas.submit(() -> {
            go.await();
            return new MaintenanceClock(two).runDue();
        });
        go.countDown();
        return first.get() + second.get();
    }
}
