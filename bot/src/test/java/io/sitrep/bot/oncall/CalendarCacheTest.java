package io.sitrep.bot.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.sitrep.bot.command.MutableClock;
import io.sitrep.integrations.redis.RedisOnCall;
import io.sitrep.integrations.redis.TestRedis;

/**
 * The calendar is written again exactly when what it shows may have changed: an override made on
 * another replica, a handoff, a reload, the horizon moving on; and served as it was otherwise.
 */
class CalendarCacheTest {

    // Monday 29 March 2027, 12:00 UTC: carol's week runs until Monday 5 April 09:00 Berlin (07:00Z).
    private final MutableClock clock = MutableClock.at(Instant.parse("2027-03-29T12:00:00Z"));
    private OnCallDirectory directory;
    private OnCallDesk replica;
    private OnCallDesk otherReplica;

    @BeforeEach
    void twoReplicasSharingRedis() {
        directory = directory();
        replica = new OnCallDesk(OnCallFiles.of(directory), new OverrideStore(new RedisOnCall(TestRedis.flushed())), clock);
        otherReplica = new OnCallDesk(OnCallFiles.of(directory), new OverrideStore(new RedisOnCall(TestRedis.flushed())),
                clock);
    }

    private static OnCallDirectory directory() {
        return OnCallLoader.load(List.of(
                new OnCallLoader.SourceFile("people.yml", OnCallLoaderTest.PEOPLE),
                new OnCallLoader.SourceFile("schedules/platform.yml", OnCallLoaderTest.WEEKLY_PLATFORM)));
    }

    private String calendar(OnCallDesk desk) {
        return desk.calendarText(desk.directory().schedule("platform").orElseThrow());
    }

    @Test
    void servesTheSameTextUntilSomethingChanges() {
        String first = calendar(replica);
        clock.advance(Duration.ofMinutes(4));

        assertThat(calendar(replica)).isSameAs(first);
    }

    @Test
    void anOverrideMadeOnAnotherReplicaShowsAtOnce() {
        String before = calendar(replica);
        OnCallOverride standIn = new OnCallOverride("o1", "platform", "bea", Instant.parse("2027-03-30T07:00:00Z"),
                Instant.parse("2027-03-31T07:00:00Z"), "U0CAROL", clock.instant());

        otherReplica.overrides().add(standIn);
        String withOverride = calendar(replica);
        otherReplica.overrides().remove("platform", "o1");
        String afterRemoval = calendar(replica);

        assertThat(before).doesNotContain("(override)");
        assertThat(withOverride).contains("bea on call: Platform on-call (override)");
        assertThat(afterRemoval).doesNotContain("(override)");
    }

    @Test
    void aHandoffDropsTheShiftThatEnded() {
        String before = calendar(replica);
        clock.set(Instant.parse("2027-04-05T07:00:00Z"));

        String after = calendar(replica);

        assertThat(firstSummary(before)).startsWith("carol on call");
        assertThat(firstSummary(after)).startsWith("ant on call");
    }

    @Test
    void theHorizonMovesOnWithinFiveMinutes() {
        String first = calendar(replica);
        clock.advance(CalendarCache.LONGEST);

        assertThat(calendar(replica)).isNotSameAs(first);
    }

    @Test
    void aReloadWritesAgain() {
        CalendarCache cache = new CalendarCache();
        OnCallDirectory reloaded = directory();
        List<String> written = new java.util.ArrayList<>();
        CalendarCache.Writer writer = shifts -> {
            written.add("calendar " + written.size());
            return written.get(written.size() - 1);
        };

        cache.calendar(directory.schedules().get("platform"), directory, 0, clock.instant(), List::of, writer);
        cache.calendar(directory.schedules().get("platform"), directory, 0, clock.instant(), List::of, writer);
        cache.calendar(reloaded.schedules().get("platform"), reloaded, 0, clock.instant(), List::of, writer);

        assertThat(written).hasSize(2);
    }

    private static String firstSummary(String calendar) {
        return calendar.lines().filter(line -> line.startsWith("SUMMARY:")).findFirst().orElseThrow()
                .substring("SUMMARY:".length());
    }
}
