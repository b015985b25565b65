package io.sitrep.integrations.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.sitrep.incident.IncidentId;
import io.sitrep.integrations.alerts.StormLink.Claim;

/** The storm link on a real Redis: one claimant at a time, and a link replaced only where it was found stale. */
class RedisStormLinkTest {

    private static final IncidentId INC_1 = new IncidentId(1);
    private static final IncidentId INC_2 = new IncidentId(2);

    private final RedisConnection redis = TestRedis.flushed();
    private final RedisStormLink link = new RedisStormLink(redis, Duration.ofSeconds(30));

    @Test
    void ofTwentyCallersAtOnceExactlyOneDeclaresAndOnceLinkedAllSeeItsIncident() throws Exception {
        List<Claim> claims = atOnce(20, () -> link.claim(Optional.empty()));

        assertThat(claims).filteredOn(Claim.Declare.class::isInstance).hasSize(1);
        assertThat(claims).filteredOn(Claim.Wait.class::isInstance).hasSize(19);

        String token = claims.stream().filter(Claim.Declare.class::isInstance).map(c -> ((Claim.Declare) c).token())
                .findFirst().orElseThrow();
        assertThat(link.link(token, INC_1, Optional.empty())).isTrue();
        assertThat(atOnce(20, () -> link.claim(Optional.empty()))).containsOnly(new Claim.Linked(INC_1));
    }

    @Test
    void aStaleLinkIsReplacedOnceByWhoeverClaimsItAndOthersThatFoundItStaleSeeTheNewOne() {
        link.link(declare(Optional.empty()), INC_1, Optional.empty());

        String token = declare(Optional.of(INC_1));
        assertThat(link.claim(Optional.of(INC_1))).as("claimed by another").isEqualTo(new Claim.Wait());
        assertThat(link.link(token, INC_2, Optional.of(INC_1))).isTrue();

        assertThat(link.claim(Optional.of(INC_1))).as("found stale before the replacement")
                .isEqualTo(new Claim.Linked(INC_2));
        assertThat(link.claim(Optional.empty())).isEqualTo(new Claim.Linked(INC_2));
    }

    @Test
    void aClaimThatRanOutLinksNothingOnceAnotherHasClaimed() {
        RedisStormLink shortLived = new RedisStormLink(redis, Duration.ofMillis(100));
        String late = ((Claim.Declare) shortLived.claim(Optional.empty())).token();

        Claim taken = await().atMost(Duration.ofSeconds(5)).until(() -> link.claim(Optional.empty()),
                Claim.Declare.class::isInstance);
        String taker = ((Claim.Declare) taken).token();

        assertThat(shortLived.link(late, INC_1, Optional.empty())).isFalse();
        assertThat(link.link(taker, INC_2, Optional.empty())).isTrue();
        assertThat(link.claim(Optional.empty())).isEqualTo(new Claim.Linked(INC_2));
    }

    @Test
    void aClaimThatRanOutStillLinksWhileNobodyElseHasClaimedOrLinked() {
        RedisStormLink shortLived = new RedisStormLink(redis, Duration.ofMillis(100));
        String late = ((Claim.Declare) shortLived.claim(Optional.empty())).token();
        await().atMost(Duration.ofSeconds(5)).until(() -> !redis.jedis().exists(RedisKeys.STORM_CLAIM));

        assertThat(shortLived.link(late, INC_1, Optional.empty())).isTrue();
        assertThat(link.claim(Optional.empty())).isEqualTo(new Claim.Linked(INC_1));
    }

    @Test
    void aReleasedClaimLetsTheNextCallerDeclareAtOnce() {
        String token = declare(Optional.empty());
        assertThat(link.claim(Optional.empty())).isEqualTo(new Claim.Wait());

        link.release("somebody-else");
        assertThat(link.claim(Optional.empty())).as("only its holder releases it").isEqualTo(new Claim.Wait());
        link.release(token);

        assertThat(link.claim(Optional.empty())).isInstanceOf(Claim.Declare.class);
    }

    @Test
    void theLinkEarlierVersionsKeptInTheLinksHashIsCarriedOverByTheFirstClaimAndRemoved() {
        redis.jedis().hset(RedisKeys.LINKS, Map.of(RedisKeys.OLD_STORM_LINK, "INC-1", "alert:fp-7", "INC-2"));

        assertThat(link.claim(Optional.empty())).isEqualTo(new Claim.Linked(INC_1));

        assertThat(redis.jedis().get(RedisKeys.STORM)).isEqualTo("INC-1");
        assertThat(redis.jedis().hgetAll(RedisKeys.LINKS)).as("the other links stay")
                .isEqualTo(Map.of("alert:fp-7", "INC-2"));
        long before = redis.counter().roundTrips();
        assertThat(link.claim(Optional.empty())).isEqualTo(new Claim.Linked(INC_1));
        assertThat(redis.counter().roundTrips() - before).as("the old field is read once").isOne();
    }

    @Test
    void aCarriedOverLinkToAnIncidentNoLongerCollectingIsReplacedLikeAnyOther() {
        redis.jedis().hset(RedisKeys.LINKS, RedisKeys.OLD_STORM_LINK, "INC-1");
        link.claim(Optional.empty());

        String token = declare(Optional.of(INC_1));
        assertThat(link.link(token, INC_2, Optional.of(INC_1))).isTrue();

        assertThat(link.claim(Optional.empty())).isEqualTo(new Claim.Linked(INC_2));
    }

    @Test
    void theLinkOutranksAnOldFieldLeftBesideItWhichIsRemovedAllTheSame() {
        link.link(declare(Optional.empty()), INC_2, Optional.empty());
        redis.jedis().hset(RedisKeys.LINKS, RedisKeys.OLD_STORM_LINK, "INC-1");

        RedisStormLink upgraded = new RedisStormLink(redis, Duration.ofSeconds(30));
        assertThat(upgraded.claim(Optional.empty())).isEqualTo(new Claim.Linked(INC_2));

        assertThat(redis.jedis().hexists(RedisKeys.LINKS, RedisKeys.OLD_STORM_LINK)).isFalse();
    }

    private String declare(Optional<IncidentId> over) {
        Claim claim = link.claim(over);
        assertThat(claim).isInstanceOf(Claim.Declare.class);
        return ((Claim.Declare) claim).token();
    }

    private static <T> List<T> atOnce(int callers, Callable<T> call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                futures.add(threads.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}
