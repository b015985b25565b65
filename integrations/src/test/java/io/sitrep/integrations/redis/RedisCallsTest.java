package io.sitrep.integrations.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.sitrep.incident.store.StoreUnavailableException;
import redis.clients.jedis.BuilderFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisClusterException;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisMovedDataException;

/** Which Redis answers mean "try again shortly" (503) and which are bugs that must not be hidden. */
class RedisCallsTest {

    @Test
    void failoverAndClusterAnswersAreUnavailable() {
        assertThat(RedisCalls.unavailableOrRethrow(new JedisDataException(
                "READONLY You can't write against a read only replica."))).isInstanceOf(StoreUnavailableException.class);
        assertThat(RedisCalls.unavailableOrRethrow(new JedisClusterException("CLUSTERDOWN The cluster is down")))
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(RedisCalls.unavailableOrRethrow(new JedisDataException(
                "TRYAGAIN Multiple keys request during rehashing of slot"))).isInstanceOf(StoreUnavailableException.class);
        assertThat(RedisCalls.unavailableOrRethrow(new JedisDataException("LOADING Redis is loading the dataset")))
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(RedisCalls.unavailableOrRethrow(new JedisMovedDataException("MOVED 7071 127.0.0.1:7002",
                new HostAndPort("127.0.0.1", 7002), 7071))).isInstanceOf(StoreUnavailableException.class);
        assertThat(RedisCalls.unavailableOrRethrow(new JedisConnectionException("Connection refused")))
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(RedisCalls.unavailableOrRethrow(new JedisDataException(
                "BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.")))
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(RedisCalls.unavailableOrRethrow(new JedisClusterOperationException("No more cluster attempts left.")))
                .isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void aPipelinedCommandANodeNeverAnsweredIsUnavailable() {
        // What a cluster pipeline leaves when one node's connection failed during the sync.
        Response<String> unanswered = new Response<>(BuilderFactory.STRING);

        assertThatThrownBy(() -> RedisCalls.answer(unanswered)).isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void aCallWithKeysOfTwoSlotsIsABugNotAnOutage() {
        // The cluster client refuses such a call itself, before any node sees it.
        JedisClusterOperationException crossSlot = new JedisClusterOperationException("Keys must belong to same hashslot.");

        assertThat(RedisCalls.unavailableOrRethrow(crossSlot)).isSameAs(crossSlot);
    }

    @Test
    void scriptErrorsAndCrossSlotCallsStayWhatTheyAre() {
        JedisDataException scriptBug = new JedisDataException("ERR user_script:3: attempt to compare nil with number");
        JedisDataException crossSlot = new JedisDataException("CROSSSLOT Keys in request don't hash to the same slot");
        JedisDataException loadingLookalike = new JedisDataException("LOADINGX not a real answer");

        assertThat(RedisCalls.unavailableOrRethrow(scriptBug)).isSameAs(scriptBug);
        assertThat(RedisCalls.unavailableOrRethrow(crossSlot)).isSameAs(crossSlot);
        assertThat(RedisCalls.unavailableOrRethrow(loadingLookalike)).isSameAs(loadingLookalike);
    }
}
