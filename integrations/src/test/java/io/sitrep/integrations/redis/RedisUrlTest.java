package io.sitrep.integrations.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A URL Sitrep cannot use is refused before any connection, and the refusal never quotes its password. */
class RedisUrlTest {

    @ParameterizedTest
    @ValueSource(strings = {"redis://sitrep:ab/cd-secret@localhost:6379", "redis://sitrep:a^b-secret@localhost:6379",
        "redis://sitrep:100%-secret@localhost:6379", "redis://sitrep:a b-secret@localhost:6379/0",
        "http://sitrep:plain-secret@localhost:6379", "sitrep:no-scheme-secret@localhost"})
    void aBadUrlIsRefusedWithoutQuotingItsPassword(String url) {
        for (Throwable refused : new Throwable[] {catchThrowable(() -> RedisConnection.open(url)),
            catchThrowable(() -> RedisConnection.openCluster("127.0.0.1:1", url, 0)),
            catchThrowable(() -> RedisConnection.openSentinel("sitrep", "127.0.0.1:1", url, 0))}) {
            assertThat(refused).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("sitrep.redis.url must look like redis://").hasNoCause();
            assertThat(refused.getMessage()).doesNotContain("secret");
        }
    }
}
