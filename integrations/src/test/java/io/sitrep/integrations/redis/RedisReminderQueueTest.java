package io.sitrep.integrations.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.sitrep.incident.IncidentId;

/** The reminder queue against a real embedded Redis. */
@Timeout(60)
class RedisReminderQueueTest {

    private static final Instant T0 = Instant.parse("2026-02-26T09:00:00Z");
    private static final IncidentId INC_1 = new IncidentId(1);
    private static final IncidentId INC_2 = new IncidentId(2);

    private RedisReminderQueue queue;

    @BeforeEach
    void setUp() {
        queue = new RedisReminderQueue(TestRedis.flushed());
    }

    @Test
    void claimsOnlyWhatIsDueEarliestFirstAndHidesItForTheLease() {
        queue.schedule(INC_1, T0.plusSeconds(60), 1);
        queue.schedule(INC_2, T0, 1);

        assertThat(queue.earliest()).contains(T0);
        assertThat(queue.claimDue(T0.plusSeconds(59), 10, Duration.ofSeconds(30))).containsExactly(INC_2);
        assertThat(queue.claimDue(T0.plusSeconds(60), 10, Duration.ofSeconds(30))).containsExactly(INC_1);
        assertThat(queue.claimDue(T0.plusSeconds(61), 10, Duration.ofSeconds(30))).as("both leased").isEmpty();
        assertThat(queue.claimDue(T0.plusSeconds(89), 10, Duration.ofSeconds(30))).as("INC-2's lease ran out")
                .containsExactly(INC_2);
    }

    @Test
    void anOlderVersionNeverOverwritesANewerOne() {
        queue.schedule(INC_1, T0.plusSeconds(600), 5);

        queue.schedule(INC_1, T0.plusSeconds(3600), 4);
        assertThat(queue.earliest()).contains(T0.plusSeconds(600));

        queue.schedule(INC_1, T0.plusSeconds(900), 5);
        assertThat(queue.earliest()).as("the same version may reschedule").contains(T0.plusSeconds(900));

        queue.schedule(INC_1, null, 6);
        assertThat(queue.size()).isZero();
        queue.schedule(INC_1, T0, 5);
        assertThat(queue.size()).as("a stale write can't bring it back").isZero();
    }

    @Test
    void claimsAtMostTheBatch() {
        for (int n = 1; n <= 25; n++) {
            queue.schedule(new IncidentId(n), T0, 1);
        }

        assertThat(queue.claimDue(T0, 10, Duration.ofSeconds(30))).hasSize(10);
        assertThat(queue.claimDue(T0, 100, Duration.ofSeconds(30))).hasSize(15);
    }
}
