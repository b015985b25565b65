package io.sitrep.bot.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.micrometer.core.instrument.MeterRegistry;
import io.sitrep.integrations.chat.slack.FakeSlackApi;
import io.sitrep.integrations.redis.TestRedis;

/**
 * A replica with nothing to do, Slack configured, as deployed: what it costs Redis is its
 * safety looks and its PING, at most five round trips a second (its workers polling made 21).
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
    "sitrep.console.enabled=false",
    "sitrep.api.token=api-token",
    "sitrep.slack.bot-token=xoxb-test",
    "sitrep.slack.signing-secret=idle-secret",
    "sitrep.slack.stakeholder-channel=C0STAKE"
})
@Timeout(120)
@DirtiesContext
class IdleReplicaRoundTripsTest {

    private static final Duration WINDOW = Duration.ofSeconds(5);
    private static final int MOST_PER_SECOND = 5;
    private static final FakeSlackApi slack = new FakeSlackApi();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        // A database no other test uses: the count is this replica's alone, and this replica (kept
        // alive in the test context cache) never takes another test's deliveries.
        registry.add("sitrep.redis.url", () -> TestRedis.server().url() + "/13");
        registry.add("sitrep.slack.api-url", slack::apiUrl);
    }

    @Autowired
    MeterRegistry metrics;

    @Test
    void anIdleReplicaMakesAtMostFiveRedisRoundTripsASecond() throws Exception {
        Thread.sleep(1_000); // start-up's own reads and the first looks behind it
        long before = roundTrips();
        Thread.sleep(WINDOW.toMillis());
        long made = roundTrips() - before;

        assertThat(made).as("round trips in %d s", WINDOW.toSeconds())
                .isLessThanOrEqualTo(MOST_PER_SECOND * WINDOW.toSeconds());
    }

    private long roundTrips() {
        return (long) metrics.get("sitrep.redis.round.trips").functionCounter().count();
    }
}
