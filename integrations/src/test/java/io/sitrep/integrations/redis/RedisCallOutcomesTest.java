package io.sitrep.integrations.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.sitrep.incident.store.StoreUnavailableException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/** Each command tells how it went, and still answers or fails as it would have. */
class RedisCallOutcomesTest {

    /** What the connection reported. */
    private static final class Recorded implements RedisCallOutcomes {
        int answered;
        final List<StoreUnavailableException> unavailable = new ArrayList<>();

        @Override
        public void answered() {
            answered++;
        }

        @Override
        public void unavailable(StoreUnavailableException e) {
            unavailable.add(e);
        }
    }

    private final Recorded recorded = new Recorded();

    @Test
    void anAnsweredCommandIsReported() {
        RedisConnection connection = TestRedis.flushed();
        connection.reportCallsTo(recorded);
        try {
            assertThat(connection.jedis().ping()).isEqualTo("PONG");
        } finally {
            connection.reportCallsTo(RedisCallOutcomes.NONE);
        }

        assertThat(recorded.answered).isEqualTo(1);
        assertThat(recorded.unavailable).isEmpty();
    }

    @Test
    void aCommandThatFindsNoRedisIsReportedUnavailableAndFailsAsBefore() {
        try (RedisConnection nothing = RedisConnection.open("redis://127.0.0.1:" + RedisServers.freePort())) {
            nothing.reportCallsTo(recorded);

            assertThatThrownBy(() -> nothing.jedis().get("x")).isInstanceOf(JedisConnectionException.class);
        }

        assertThat(recorded.unavailable).singleElement()
                .satisfies(e -> assertThat(e).hasMessageStartingWith("Redis is unavailable"));
        assertThat(recorded.answered).isZero();
    }

    @Test
    void aScriptsBugIsNoSignOfAnUnavailableStore() {
        RedisConnection connection = TestRedis.flushed();
        connection.reportCallsTo(recorded);
        try {
            assertThatThrownBy(() -> connection.jedis().eval("return redis.call('no-such-command')"))
                    .isInstanceOf(JedisDataException.class);
        } finally {
            connection.reportCallsTo(RedisCallOutcomes.NONE);
        }

        assertThat(recorded.unavailable).isEmpty();
    }
}
