package io.sitrep.bot.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.sitrep.integrations.redis.RedisOnCall;
import io.sitrep.integrations.redis.TestRedis;

/** Overrides against a real (embedded) Redis: added, listed for a window, removed, old ones forgotten. */
class OverrideStoreTest {

    private OverrideStore store;

    @BeforeEach
    void emptyStore() {
        store = new OverrideStore(new RedisOnCall(TestRedis.flushed()));
    }

    private static Instant t(String instant) {
        return Instant.parse(instant);
    }

    private static OnCallOverride override(String id, String schedule, String from, String until, String madeAt) {
        return new OnCallOverride(id, schedule, "bea", t(from), t(until), "U0ANT", t(madeAt));
    }

    @Test
    void listsTheOverridesOverlappingAWindowOldestMadeFirst() {
        store.add(override("late", "platform", "2027-02-01T12:00:00Z", "2027-02-01T16:00:00Z", "2027-01-21T00:00:00Z"));
        store.add(override("early", "platform", "2027-02-01T10:00:00Z", "2027-02-01T14:00:00Z", "2027-01-20T00:00:00Z"));
        store.add(override("before", "platform", "2027-01-30T10:00:00Z", "2027-01-30T14:00:00Z", "2027-01-20T00:00:00Z"));
        store.add(override("after", "platform", "2027-02-03T10:00:00Z", "2027-02-03T14:00:00Z", "2027-01-20T00:00:00Z"));
        store.add(override("other", "db", "2027-02-01T10:00:00Z", "2027-02-01T14:00:00Z", "2027-01-20T00:00:00Z"));

        assertThat(store.overlapping("platform", t("2027-02-01T00:00:00Z"), t("2027-02-02T00:00:00Z")))
                .extracting(OnCallOverride::id).containsExactly("early", "late");
        assertThat(store.overlapping("platform", t("2027-02-01T00:00:00Z"), t("2027-02-02T00:00:00Z")).get(0))
                .isEqualTo(override("early", "platform", "2027-02-01T10:00:00Z", "2027-02-01T14:00:00Z",
                        "2027-01-20T00:00:00Z"));
    }

    @Test
    void removesAnOverrideOnce() {
        store.add(override("o1", "platform", "2027-02-01T10:00:00Z", "2027-02-01T14:00:00Z", "2027-01-20T00:00:00Z"));

        assertThat(store.remove("platform", "o1")).isTrue();
        assertThat(store.remove("platform", "o1")).isFalse();
        assertThat(store.overlapping("platform", t("2027-01-01T00:00:00Z"), t("2028-01-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void forgetsOverridesThatEndedLongBeforeANewOneIsMade() {
        store.add(override("old", "platform", "2027-01-01T10:00:00Z", "2027-01-01T14:00:00Z", "2026-12-20T00:00:00Z"));
        store.add(override("new", "platform", "2027-06-01T10:00:00Z", "2027-06-01T14:00:00Z", "2027-05-20T00:00:00Z"));

        assertThat(store.overlapping("platform", t("2026-01-01T00:00:00Z"), t("2028-01-01T00:00:00Z")))
                .extracting(OnCallOverride::id).containsExactly("new");
    }
}
