package io.sitrep.bot.oncall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.sitrep.bot.command.MutableClock;
import io.sitrep.config.DiscordSettings;
import io.sitrep.integrations.chat.discord.DiscordConnector;
import io.sitrep.integrations.chat.discord.FakeDiscord;
import io.sitrep.integrations.redis.RedisConnection;
import io.sitrep.integrations.redis.RedisLeaderLease;
import io.sitrep.integrations.redis.RedisOnCall;
import io.sitrep.integrations.redis.TestRedis;

/**
 * A schedule's Discord role follows who is on call, against the fake Discord (gateway and
 * REST) and an unmodified JDA: moved at a handoff, by one replica of two, left alone when in
 * step, and a refusal for a missing permission said once and asked again rarely.
 */
@ExtendWith(OutputCaptureExtension.class)
class DiscordRoleSyncTest {

    private static final String ANT = "1100000000000000001";
    private static final String BEA = "1100000000000000002";
    private static final String CAROL = "1100000000000000003";
    private static final String PEOPLE = """
            people:
              ant: { slack: U0ANT, discord: "%s", timezone: Europe/Berlin }
              bea: { slack: U0BEA, discord: "%s" }
              carol: { slack: U0CAROL, discord: "%s", timezone: America/New_York }
              lead: { email: lead@example.com }
            """.formatted(ANT, BEA, CAROL);
    private static final String ROLE_CHANGES = "guilds/" + FakeDiscord.GUILD_ID + "/members/\\d+/roles/\\d+";
    private static final String MEMBER_LIST = "guilds/" + FakeDiscord.GUILD_ID + "/members";

    // Monday 29 March 2027, 12:00 UTC: carol's week, until Monday 5 April 09:00 Berlin (07:00Z).
    private final MutableClock clock = MutableClock.at(Instant.parse("2027-03-29T12:00:00Z"));
    private FakeDiscord discord;
    private DiscordConnector connector;
    private RedisConnection redis;
    private OnCallDesk desk;

    private MentionSync start(FakeDiscord fake, String role) {
        discord = fake;
        redis = TestRedis.flushed();
        OnCallDirectory directory = OnCallLoader.load(List.of(
                new OnCallLoader.SourceFile("people.yml", PEOPLE),
                new OnCallLoader.SourceFile("schedules/platform.yml",
                        OnCallLoaderTest.WEEKLY_PLATFORM + "discord-role: \"" + role + "\"\n")));
        assertThat(directory.problems()).isEmpty();
        desk = new OnCallDesk(OnCallFiles.of(directory), new OverrideStore(new RedisOnCall(redis)), clock);
        connector = new DiscordConnector(new DiscordSettings("discord-test-token", FakeDiscord.GUILD_ID, "", "Incidents",
                discord.apiUrl(), discord.gatewayUrl(), "Incidents archive"), Clock.systemUTC());
        await().atMost(Duration.ofSeconds(30)).until(discord::commandsRegistered);
        return replica();
    }

    private MentionSync replica() {
        return new MentionSync(desk, List.of(GroupMembers.discord(connector.roles())), new RedisOnCall(redis),
                new RedisLeaderLease(redis), Duration.ofSeconds(15), clock);
    }

    @AfterEach
    void close() throws Exception {
        if (connector != null) {
            connector.close();
        }
        if (discord != null) {
            discord.close();
        }
    }

    private List<String> roleChanges() {
        return discord.calls().stream().filter(c -> c.path().matches(ROLE_CHANGES))
                .map(c -> c.method() + " " + c.path().substring(c.path().indexOf("members/") + 8)).toList();
    }

    @Test
    void theRoleMovesAtAHandoffWrittenByOneReplicaOfTwo() throws Exception {
        MentionSync replica = start(new FakeDiscord().withPermission(FakeDiscord.MANAGE_ROLES)
                .withMember(ANT).withMember(BEA, FakeDiscord.ONCALL_ROLE_ID).withMember(CAROL), FakeDiscord.ONCALL_ROLE_ID);
        MentionSync otherReplica = replica();

        replica.tick();
        otherReplica.tick();
        replica.tick();
        assertThat(discord.holders(FakeDiscord.ONCALL_ROLE_ID)).containsExactly(CAROL);
        assertThat(roleChanges()).containsExactly("PUT " + CAROL + "/roles/" + FakeDiscord.ONCALL_ROLE_ID,
                "DELETE " + BEA + "/roles/" + FakeDiscord.ONCALL_ROLE_ID);

        clock.set(Instant.parse("2027-04-05T06:59:45Z"));
        replica.tick();
        otherReplica.tick();
        assertThat(roleChanges()).hasSize(2);
        clock.set(Instant.parse("2027-04-05T07:00:00Z"));
        otherReplica.tick();
        replica.tick();
        assertThat(discord.holders(FakeDiscord.ONCALL_ROLE_ID)).containsExactly(ANT);
        assertThat(roleChanges()).hasSize(4).endsWith("PUT " + ANT + "/roles/" + FakeDiscord.ONCALL_ROLE_ID,
                "DELETE " + CAROL + "/roles/" + FakeDiscord.ONCALL_ROLE_ID);
    }

    @Test
    void nothingIsChangedWhenTheRoleIsAlreadyInStep() throws Exception {
        MentionSync replica = start(new FakeDiscord().withPermission(FakeDiscord.MANAGE_ROLES)
                .withMember(ANT, FakeDiscord.BOT_ROLE_ID).withMember(CAROL, FakeDiscord.ONCALL_ROLE_ID),
                FakeDiscord.ONCALL_ROLE_ID);

        replica.tick();
        clock.advance(Duration.ofSeconds(15));
        replica.tick();

        assertThat(discord.calls("GET", MEMBER_LIST)).as("read once, then remembered").hasSize(1);
        assertThat(roleChanges()).isEmpty();
    }

    @Test
    void aMissingManageRolesIsLoggedOnceAndAskedAgainRarely(CapturedOutput output) throws Exception {
        MentionSync replica = start(new FakeDiscord().withMember(CAROL).withMember(BEA, FakeDiscord.ONCALL_ROLE_ID),
                FakeDiscord.ONCALL_ROLE_ID);

        replica.tick();
        clock.advance(MentionSync.FIRST_RETRY);
        replica.tick();
        assertThat(discord.calls("GET", MEMBER_LIST)).as("backed off").hasSize(1);
        clock.advance(MentionSync.LONGEST_RETRY);
        replica.tick();

        assertThat(discord.calls("GET", MEMBER_LIST)).hasSize(2);
        assertThat(roleChanges()).isEmpty();
        assertThat(discord.holders(FakeDiscord.ONCALL_ROLE_ID)).containsExactly(BEA);
        assertThat(output.getAll().split("lacks the Discord permission 'Manage Roles'", -1)).as("said once").hasSize(2);
        assertThat(output.getAll()).contains("Discord role " + FakeDiscord.ONCALL_ROLE_ID
                + " of on-call schedule platform not brought in step");
    }

    @Test
    void aRoleAboveSitrepsOwnIsNamedAsTheReason(CapturedOutput output) throws Exception {
        MentionSync replica = start(new FakeDiscord().withPermission(FakeDiscord.MANAGE_ROLES).withMember(CAROL),
                FakeDiscord.ADMIN_ROLE_ID);

        replica.tick();

        assertThat(roleChanges()).isEmpty();
        assertThat(output.getAll()).contains("The role admins is above Sitrep's own highest role");
    }
}
