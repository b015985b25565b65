package io.sitrep.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.sitrep.incident.IncidentId;
import io.sitrep.integrations.chat.discord.FakeDiscord;
import io.sitrep.integrations.chat.discord.FakeDiscord.Call;
import io.sitrep.integrations.chat.discord.FakeDiscord.Interaction;

/** What Sitrep does when the guild is not as it needs it: a missing category, a missing permission. */
class DiscordGuildSetupTest extends DiscordAppTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final long MANAGE_CHANNELS = 16;

    @AfterEach
    void guildAsBefore() {
        awaitIdle();
        discord.setBotPermissions(FakeDiscord.SITREP_PERMISSIONS);
        discord.restoreChannels();
    }

    @Test
    void aMissingCategoryIsCreatedOnceAndTheChannelGoesUnderIt() {
        discord.deleteChannel("300");

        reply(discord.slash("alice", GENERAL, null, "declare", "title", "Checkout errors"));
        reply(discord.slash("alice", GENERAL, null, "declare", "title", "Login errors"));
        channelOf("inc-1-checkout-errors");
        channelOf("inc-2-login-errors");
        awaitIdle();

        assertThat(discord.calls("POST", "guilds/.*/channels")).filteredOn(c -> c.json().path("type").asInt() == 4)
                .singleElement().satisfies(c -> assertThat(c.json().path("name").asText()).isEqualTo("Incidents"));
        String category = discord.channelId("Incidents").orElseThrow();
        assertThat(discord.calls("POST", "guilds/.*/channels")).filteredOn(c -> c.json().path("type").asInt() == 0)
                .extracting(c -> c.json().path("parent_id").asText()).containsExactly(category, category);
    }

    @Test
    void aDeletedIncidentChannelCostsOnlyItsOwnPostsNotTheChangeNorTheStakeholderPost() {
        reply(discord.slash("alice", GENERAL, null, "declare", "title", "Checkout errors"));
        String channel = channelOf("inc-1-checkout-errors");
        await().atMost(WAIT).until(() -> !discord.posts(STATUS).isEmpty());
        awaitIdle();
        discord.deleteChannel(channel);

        String answer = reply(discord.slash("alice", GENERAL, null, "update", "text", "Still failing over",
                "incident", "INC-1"));

        assertThat(answer).doesNotStartWith("✗");
        assertThat(store.find(new IncidentId(1)).orElseThrow().lastUpdateText()).isEqualTo("Still failing over");
        await().atMost(WAIT).until(() -> discord.posts(STATUS).size() == 2);
        assertThat(discord.posts(STATUS).get(1).json().path("content").asText()).contains("Still failing over");
        awaitIdle();
        assertThat(discord.posts(channel)).as("nothing sent to the deleted channel after the card").hasSize(1);
    }

    @Test
    void aMissingPermissionIsToldToTheCallerByNameAndTheIncidentIsKept() {
        discord.setBotPermissions(FakeDiscord.SITREP_PERMISSIONS & ~MANAGE_CHANNELS);
        // The role update and the interaction come over the one gateway socket, in order.

        Interaction declare = discord.slash("alice", GENERAL, null, "declare", "title", "Checkout errors");

        assertThat(reply(declare)).contains("INC-1");
        await().atMost(WAIT).until(() -> !discord.followUps(declare.token()).isEmpty());
        Call told = discord.followUps(declare.token()).get(0);
        assertThat(told.json().path("content").asText()).contains("Manage Channels").contains("INC-1");
        assertThat(told.json().path("flags").asInt() & 64).as("ephemeral").isEqualTo(64);
        assertThat(store.find(new IncidentId(1))).as("the incident is kept").isPresent();
        assertThat(discord.calls("POST", "guilds/.*/channels")).as("refused before asking Discord").isEmpty();
        // Stakeholders still hear of it.
        await().atMost(WAIT).until(() -> !discord.posts(STATUS).isEmpty());
    }
}
