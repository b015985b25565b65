package io.sitrep.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.Role;
import io.sitrep.incident.TimelineKind;
import io.sitrep.bot.slack.SlackRequests;
import io.sitrep.integrations.chat.discord.FakeDiscord;
import io.sitrep.integrations.chat.discord.FakeDiscord.Call;
import io.sitrep.integrations.chat.discord.FakeDiscord.Interaction;

/** Repeats, rate limits, refusals, and which platform an incident's posts go to. */
class DiscordDeliveryTest extends DiscordAppTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void theSameInteractionDeliveredTwiceHasOneEffect() {
        Interaction declare = discord.slash("alice", GENERAL, null, "declare", "title", "Checkout errors");
        reply(declare);

        discord.redeliver(declare);
        // Discord refuses the second deferral (already acknowledged); only then is the repeat over.
        await().atMost(WAIT).until(() -> discord.callbacks(declare.id()).size() == 2);
        awaitIdle();

        assertThat(store.find(new IncidentId(2))).as("no second incident").isEmpty();
        assertThat(discord.calls("POST", "guilds/.*/channels")).hasSize(1);
        assertThat(discord.replies(declare.token())).as("answered once").hasSize(1);
        assertThat(discord.posts(STATUS)).hasSize(1);
    }

    @Test
    void aButtonPressedTwiceHasOneEffect() {
        reply(discord.slash("alice", GENERAL, null, "declare", "title", "Checkout errors"));
        String channel = channelOf("inc-1-checkout-errors");
        reply(discord.slash("alice", channel, null, "monitoring", "what-was-done", "Rolled back"));
        discord.click("alice", channel, "1", "sitrep.card:resolved:INC-1");
        reply(discord.submitModal("alice", channel, "sitrep.modal:resolved:INC-1", "Stable"));
        Interaction first = discord.click("alice", channel, "1", "sitrep.card:reopen:INC-1");
        Interaction second = discord.click("alice", channel, "1", "sitrep.card:reopen:INC-1");

        // Reopen asks for a reason: both clicks get a modal; both submitted, one reopens, one is refused.
        await().atMost(WAIT).until(() -> !discord.callbacks(first.id()).isEmpty() && !discord.callbacks(second.id()).isEmpty());
        Interaction submitOne = discord.submitModal("alice", channel, "sitrep.modal:reopen:INC-1", "Errors are back");
        Interaction submitTwo = discord.submitModal("alice", channel, "sitrep.modal:reopen:INC-1", "Errors are back");
        String one = reply(submitOne);
        String two = reply(submitTwo);

        assertThat(java.util.List.of(one, two)).filteredOn(r -> r.startsWith("✗")).singleElement()
                .satisfies(refusal -> assertThat(refusal).contains("INVESTIGATING"));
        assertThat(store.find(new IncidentId(1)).orElseThrow().state()).isEqualTo(IncidentState.INVESTIGATING);
        assertThat(store.timeline(new IncidentId(1)))
                .filteredOn(e -> e.kind() == TimelineKind.STATUS_CHANGED && e.text().contains("Errors are back"))
                .hasSize(1);
    }

    @Test
    void aRateLimitedPostArrivesAfterTheWaitDiscordAsksFor() {
        discord.rateLimitNext("POST", "channels/" + STATUS + "/messages", 1);

        Interaction declare = discord.slash("alice", GENERAL, null, "declare", "title", "Checkout errors");
        assertThat(reply(declare)).contains("INC-1");

        await().atMost(WAIT).until(() -> discord.posts(STATUS).size() == 2);
        Call limited = discord.posts(STATUS).get(0);
        Call retried = discord.posts(STATUS).get(1);
        assertThat(Duration.between(limited.at(), retried.at())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(retried.json().path("content").asText()).contains("New incident INC-1");
    }

    @Test
    void aServerErrorOnlyDelaysThePostAndTheIncidentIsKept() {
        discord.failNext("POST", "guilds/.*/channels", 2, 500, "{\"message\":\"500: Internal Server Error\",\"code\":0}",
                Map.of());

        Interaction declare = discord.slash("alice", GENERAL, null, "declare", "title", "Checkout errors");

        assertThat(reply(declare)).contains("INC-1");
        assertThat(store.find(new IncidentId(1))).isPresent();
        // JDA does not retry a 500 itself; Sitrep does, after 1 s and then 2 s.
        String channel = channelOf("inc-1-checkout-errors");
        await().atMost(WAIT).until(() -> !discord.posts(channel).isEmpty());
        assertThat(discord.calls("POST", "guilds/.*/channels")).hasSize(3);
    }

    @Test
    void aChannelCreatedWhoseAnswerWasLostIsFoundNotMadeTwice() {
        discord.loseNextChannelCreationAnswer();

        assertThat(reply(discord.slash("alice", GENERAL, null, "declare", "title", "Checkout errors"))).contains("INC-1");

        String channel = channelOf("inc-1-checkout-errors");
        await().atMost(WAIT).until(() -> !discord.calls("PUT", "channels/" + channel + "/messages/pins/.*").isEmpty());
        assertThat(discord.calls("POST", "guilds/.*/channels")).as("one try, its answer lost").hasSize(1);
        assertThat(discord.channelNames()).filteredOn("inc-1-checkout-errors"::equals).hasSize(1);
    }

    @Test
    void aPostWhoseAnswerWasLostIsTriedAgainWithItsNonceAndKeptOnce() {
        reply(discord.slash("alice", GENERAL, null, "declare", "title", "Checkout errors"));
        channelOf("inc-1-checkout-errors");
        awaitIdle();
        discord.loseNextMessageAnswer();

        reply(discord.slash("alice", GENERAL, null, "update", "text", "Failing over", "incident", "INC-1"));
        awaitIdle();

        List<Call> tries = discord.posts(STATUS).stream()
                .filter(post -> post.json().path("content").asText().contains("Failing over")).toList();
        assertThat(tries).as("made, answer lost, tried again").hasSize(2);
        assertThat(tries).extracting(post -> post.json().path("nonce").asText()).as("the same nonce each try")
                .containsOnly(tries.get(0).json().path("nonce").asText());
        assertThat(discord.messagesIn(STATUS)).filteredOn(m -> m.path("content").asText().contains("Failing over"))
                .as("Discord keeps one").hasSize(1);
    }

    @Test
    void aRefusalIsNotRetriedAndCostsOnlyThatPost() {
        discord.failNext("POST", "channels/" + STATUS + "/messages", 1, 403,
                "{\"message\":\"Missing Access\",\"code\":50001}", Map.of());

        Interaction declare = discord.slash("alice", GENERAL, null, "declare", "title", "Checkout errors");

        assertThat(reply(declare)).contains("INC-1");
        String channel = channelOf("inc-1-checkout-errors");
        await().atMost(WAIT).until(() -> !discord.calls("PUT", "channels/" + channel + "/messages/pins/.*").isEmpty());
        awaitIdle();
        assertThat(discord.posts(STATUS)).as("refused once, not retried").hasSize(1);
        assertThat(discord.followUps(declare.token())).singleElement().satisfies(told -> assertThat(
                told.json().path("content").asText()).contains("View Channels").contains("Missing Access"));
    }

    @Test
    void aSlackIncidentPostsOnlyToSlackAndADiscordIncidentOnlyToDiscord() throws Exception {
        assertThat(SlackRequests.slashCommand(port, SLACK_SECRET, slack.baseUrl() + "/respond/1", "C0OPS",
                "declare \"Slack incident\"").statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> !slack.calls("pins.add").isEmpty() && !slack.posts("C0STAKE").isEmpty());
        reply(discord.slash("alice", GENERAL, null, "declare", "title", "Discord incident"));
        channelOf("inc-2-discord-incident");
        awaitIdle();

        assertThat(slack.calls("conversations.create")).singleElement()
                .satisfies(c -> assertThat(c.field("name")).isEqualTo("inc-1-slack-incident"));
        assertThat(slack.posts("C0STAKE")).singleElement()
                .satisfies(p -> assertThat(p.field("text")).contains("INC-1").doesNotContain("INC-2"));
        assertThat(discord.calls("POST", "guilds/.*/channels")).singleElement()
                .satisfies(c -> assertThat(c.json().path("name").asText()).isEqualTo("inc-2-discord-incident"));
        assertThat(discord.posts(STATUS)).singleElement()
                .satisfies(p -> assertThat(p.json().path("content").asText()).contains("INC-2").doesNotContain("INC-1"));

        // A command about the Slack incident typed on Discord still posts on Slack only. Slack's
        // alice makes Discord's alice comms first: they are two people to Sitrep.
        assertThat(SlackRequests.slashCommand(port, SLACK_SECRET, slack.baseUrl() + "/respond/2", "C0OPS",
                "assign INC-1 comms <@" + FakeDiscord.userId("alice") + ">").statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> store.find(new IncidentId(1)).orElseThrow().roles().containsKey(Role.COMMS));
        reply(discord.slash("alice", GENERAL, null, "update", "text", "Still looking", "incident", "INC-1"));
        await().atMost(WAIT).until(() -> slack.posts("C0STAKE").size() == 2);
        awaitIdle();
        assertThat(discord.posts(STATUS)).hasSize(1);
    }
}
