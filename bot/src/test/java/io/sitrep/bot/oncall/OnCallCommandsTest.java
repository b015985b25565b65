package io.sitrep.bot.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import io.sitrep.bot.EveryCommand;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.sitrep.bot.command.CommandContext;
import io.sitrep.bot.command.CommandDispatcher;
import io.sitrep.bot.command.MutableClock;
import io.sitrep.config.PermissionSettings;
import io.sitrep.config.ReminderSettings;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.UpdateSchedule;
import io.sitrep.incident.lifecycle.IncidentLifecycle;
import io.sitrep.incident.lifecycle.SpringStatemachineLifecycle;
import io.sitrep.integrations.chat.Actor;
import io.sitrep.integrations.chat.ChannelRef;
import io.sitrep.integrations.chat.ChatCommand;
import io.sitrep.integrations.chat.CommandFailure;
import io.sitrep.integrations.chat.CommandOutcome;
import io.sitrep.integrations.redis.RedisIncidentStore;
import io.sitrep.integrations.redis.RedisOnCall;
import io.sitrep.integrations.redis.TestRedis;

/** The on-call commands through the dispatcher: answers in the asker's zone, overrides and who may make them. */
class OnCallCommandsTest {

    private static final IncidentLifecycle LIFECYCLE = new SpringStatemachineLifecycle();

    private final MutableClock clock = MutableClock.at(Instant.parse("2027-03-29T12:00:00Z"));
    private OverrideStore overrides;
    private CommandDispatcher dispatcher;

    @BeforeEach
    void dispatcher() {
        RedisIncidentStore store = new RedisIncidentStore(TestRedis.flushed());
        overrides = new OverrideStore(new RedisOnCall(TestRedis.flushed()));
        OnCallDirectory directory = OnCallLoader.load(List.of(
                new OnCallLoader.SourceFile("people.yml", OnCallLoaderTest.PEOPLE),
                new OnCallLoader.SourceFile("schedules/platform.yml", OnCallLoaderTest.WEEKLY_PLATFORM)));
        OnCallDesk desk = new OnCallDesk(OnCallFiles.of(directory), overrides, clock);
        CommandContext context = new CommandContext(store, new IncidentWriter(store, LIFECYCLE), LIFECYCLE,
                new UpdateSchedule(ReminderSettings.defaults()), clock, "stakeholders");
        dispatcher = new CommandDispatcher(context, EveryCommand.standard().oncall(desk).sets(), CommandDispatcher.CommandObserver.NONE, delivery -> { },
                new PermissionSettings(List.of("U0BOSS")));
    }

    private CommandOutcome run(String text, String userId) {
        return dispatcher.handle(new ChatCommand("/incident " + text, new Actor(userId, userId),
                new ChannelRef("slack", "C0OPS")));
    }

    private static String reply(CommandOutcome outcome) {
        assertThat(outcome.error()).isEmpty();
        return outcome.replies().get(0).text();
    }

    @Test
    void answersWhoIsOnCallNowAndNextInTheAskersZone() {
        // carol's week began Monday 29 March 09:00 Berlin; ant asks from Berlin, carol from New York.
        assertThat(reply(run("oncall platform", "U0ANT"))).contains("times in Europe/Berlin")
                .contains("On call: carol (primary) from Mon 29 Mar 09:00 CEST until Mon 5 Apr 09:00 CEST")
                .contains("Next: ant (primary) from Mon 5 Apr 09:00 CEST");
        assertThat(reply(run("oncall platform", "U0CAROL"))).contains("times in America/New_York")
                .contains("from Mon 29 Mar 03:00 EDT until Mon 5 Apr 03:00 EDT");
        assertThat(reply(run("oncall", "U0NOBODY"))).contains("Platform on-call (platform): carol until");
        assertThat(reply(run("oncall platform --at 2027-04-06T12:00Z", "U0ANT"))).contains("at 2027-04-06T12:00:00Z")
                .contains("On call: ant (primary)");
    }

    @Test
    void anOverrideByTheSchedulesPeopleWinsForItsWindow() {
        String answer = reply(run("oncall override platform @bea --from 2027-03-30T08:00Z --to 2027-03-30T20:00Z",
                "U0CAROL"));

        assertThat(answer).startsWith("bea is on call for Platform on-call from Tue 30 Mar 04:00 EDT");
        clock.advance(java.time.Duration.ofHours(24));
        assertThat(reply(run("oncall platform", "U0ANT"))).contains("On call: bea (override)")
                .contains("until Tue 30 Mar 22:00 CEST").contains("Next: carol (primary)")
                .contains("layer primary: carol");
        assertThat(overrides.overlapping("platform", Instant.parse("2027-03-30T00:00:00Z"),
                Instant.parse("2027-03-31T00:00:00Z"))).singleElement()
                .satisfies(o -> assertThat(o.createdBy()).isEqualTo("<@U0CAROL>"));
    }

    @Test
    void othersAreRefusedAndAdminsMayAndBadInputChangesNothing() {
        CommandOutcome stranger = run("oncall override platform bea --from 2027-03-30T08:00Z --to 2027-03-30T20:00Z",
                "U0NOBODY");
        assertThat(stranger.failure()).contains(CommandFailure.FORBIDDEN);
        assertThat(stranger.error()).hasValueSatisfying(e -> assertThat(e).contains("ant, bea, carol"));
        assertThat(reply(run("oncall override platform bea --from 2027-03-30T08:00Z --to 2027-03-30T20:00Z",
                "U0BOSS"))).startsWith("bea is on call");

        assertThat(run("oncall override platform zoe --from 2027-03-30T08:00Z --to 2027-03-30T20:00Z", "U0ANT")
                .error()).hasValueSatisfying(e -> assertThat(e).contains("'zoe' is nobody in people.yml"));
        assertThat(run("oncall override platform bea --from 2027-03-30T20:00Z --to 2027-03-30T08:00Z", "U0ANT")
                .error()).hasValueSatisfying(e -> assertThat(e).contains("--to must be after --from"));
        assertThat(run("oncall override platform bea --from soon --to 2027-03-30T08:00Z", "U0ANT")
                .error()).hasValueSatisfying(e -> assertThat(e).startsWith("--from 'soon' is not a time"));
        assertThat(run("oncall override platform bea", "U0ANT").error())
                .hasValueSatisfying(e -> assertThat(e).contains("needs --from and --to"));
        assertThat(run("oncall nowhere", "U0ANT").error())
                .hasValueSatisfying(e -> assertThat(e).contains("There is no schedule 'nowhere'"));
        assertThat(overrides.overlapping("platform", Instant.parse("2027-01-01T00:00:00Z"),
                Instant.parse("2028-01-01T00:00:00Z"))).hasSize(1);
    }

    @Test
    void anOverrideIsListedWithItsIdAndTakenBackByTheSchedulesPeopleOrAnAdmin() {
        reply(run("oncall override platform @bea --from 2027-04-01T08:00Z --to 2027-04-01T20:00Z", "U0CAROL"));
        String id = overrides.overlapping("platform", clock.instant(), Instant.parse("2028-01-01T00:00:00Z")).get(0).id();
        assertThat(reply(run("oncall platform", "U0ANT")))
                .contains("override " + id + ": bea from Thu 1 Apr 10:00 CEST until Thu 1 Apr 22:00 CEST");

        CommandOutcome stranger = run("oncall remove platform " + id, "U0NOBODY");
        assertThat(stranger.failure()).contains(CommandFailure.FORBIDDEN);
        assertThat(run("oncall remove platform nosuchid", "U0ANT").error())
                .hasValueSatisfying(e -> assertThat(e).contains("has no override 'nosuchid'"));
        assertThat(reply(run("oncall remove platform " + id, "U0ANT"))).startsWith("Override " + id
                + " of Platform on-call removed. On call now: carol (primary)");

        assertThat(reply(run("oncall platform", "U0ANT"))).doesNotContain("override " + id);
        assertThat(overrides.overlapping("platform", clock.instant(), Instant.parse("2028-01-01T00:00:00Z"))).isEmpty();
        reply(run("oncall override platform @bea --from 2027-04-01T08:00Z --to 2027-04-01T20:00Z", "U0CAROL"));
        String again = overrides.overlapping("platform", clock.instant(), Instant.parse("2028-01-01T00:00:00Z")).get(0)
                .id();
        assertThat(reply(run("oncall remove platform " + again, "U0BOSS"))).startsWith("Override " + again);
    }
}
