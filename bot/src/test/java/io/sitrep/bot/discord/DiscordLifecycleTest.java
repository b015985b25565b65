package io.sitrep.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentState;
import io.sitrep.integrations.chat.discord.FakeDiscord;
import io.sitrep.integrations.chat.discord.FakeDiscord.Call;
import io.sitrep.integrations.chat.discord.FakeDiscord.Interaction;

/** An incident from declare to close, driven only through Discord interactions. */
class DiscordLifecycleTest extends DiscordAppTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void declareOpensAChannelUnderTheCategoryWithAPinnedCardTopicAndAnnouncement() {
        Interaction declare = discord.slash("alice", GENERAL, null, "declare", "title", "Checkout errors",
                "severity", "2", "service", "checkout", "node", "node-7, node-9");

        assertThat(reply(declare)).contains("INC-1").doesNotStartWith("✗");
        assertThat(discord.callbacks(declare.id())).singleElement().satisfies(callback -> {
            assertThat(callback.json().path("type").asInt()).as("deferred").isEqualTo(5);
            assertThat(callback.json().path("data").path("flags").asInt()).as("ephemeral").isEqualTo(64);
        });
        String channel = channelOf("inc-1-checkout-errors");
        await().atMost(WAIT).until(() -> !discord.posts(STATUS).isEmpty() && !discord.calls("PUT", ".*/pins/.*").isEmpty());

        Call created = discord.calls("POST", "guilds/" + FakeDiscord.GUILD_ID + "/channels").get(0);
        assertThat(created.json().path("name").asText()).isEqualTo("inc-1-checkout-errors");
        assertThat(created.json().path("type").asInt()).isZero();
        assertThat(created.json().path("parent_id").asText()).as("under the Incidents category").isEqualTo("300");
        assertThat(created.json().path("topic").asText())
                .isEqualTo("Investigating · SEV2 · commander <@" + FakeDiscord.userId("alice") + "> · INC-1 Checkout errors");

        Call card = discord.posts(channel).get(0);
        JsonNode embed = card.json().path("embeds").get(0);
        assertThat(embed.path("title").asText()).isEqualTo("INC-1 · Checkout errors");
        assertThat(fields(embed)).contains("Status=Investigating", "Severity=SEV2", "Commander=<@" + FakeDiscord.userId("alice") + ">",
                "Comms=*unassigned*", "Service=checkout", "Nodes=node-7, node-9");
        assertThat(embed.path("description").asText()).contains("No stakeholder update yet").contains("<t:");
        assertThat(buttons(card.json())).contains("sitrep.card:update:INC-1", "sitrep.card:identified:INC-1",
                "sitrep.card:resolved:INC-1");
        assertThat(card.json().path("allowed_mentions").path("parse")).as("no pings").isEmpty();
        String cardId = discord.calls("PUT", ".*/pins/.*").get(0).path().replaceAll(".*/", "");
        assertThat(discord.calls("PUT", "channels/" + channel + "/messages/pins/" + cardId)).hasSize(1);

        assertThat(discord.posts(STATUS)).singleElement().satisfies(announcement -> assertThat(
                announcement.json().path("content").asText()).contains("New incident INC-1").contains("<#" + channel + ">"));
        awaitIdle();
        assertThat(slack.calls("conversations.create")).as("a Discord incident stays on Discord").isEmpty();
        assertThat(slack.calls("chat.postMessage")).isEmpty();
    }

    @Test
    void fromDeclareToCloseThroughSlashCommandsButtonsAndModals() {
        reply(discord.slash("alice", GENERAL, null, "declare", "title", "Checkout errors", "severity", "2"));
        String channel = channelOf("inc-1-checkout-errors");
        await().atMost(WAIT).until(() -> !discord.calls("PUT", ".*/pins/.*").isEmpty());
        String cardId = discord.calls("PUT", ".*/pins/.*").get(0).path().replaceAll(".*/", "");

        // Post update: alice makes bob comms; his button opens a modal, the modal posts the update.
        reply(discord.slash("alice", channel, null, "assign", "role", "comms", "user", "bob"));
        Interaction click = discord.click("bob", channel, cardId, "sitrep.card:update:INC-1");
        await().atMost(WAIT).until(() -> !discord.callbacks(click.id()).isEmpty());
        JsonNode modal = discord.callbacks(click.id()).get(0).json();
        assertThat(modal.path("type").asInt()).as("a modal").isEqualTo(9);
        assertThat(modal.path("data").path("custom_id").asText()).isEqualTo("sitrep.modal:update:INC-1");
        assertThat(modal.path("data").path("components").get(0).path("label").asText()).isEqualTo("The update's text");
        int statusPosts = discord.posts(STATUS).size();
        String updated = reply(discord.submitModal("bob", channel, "sitrep.modal:update:INC-1",
                "Failover to eu-central in progress"));
        assertThat(updated).as("the answer names the Discord channel the post went to")
                .startsWith("Posted to <#" + STATUS + ">.").doesNotContain("#stakeholders");
        await().atMost(WAIT).until(() -> discord.posts(STATUS).size() > statusPosts);
        assertThat(last(discord.posts(STATUS)).json().path("content").asText())
                .startsWith("Investigating — INC-1 Checkout errors\nFailover to eu-central in progress");
        assertThat(incident().lastUpdateText()).isEqualTo("Failover to eu-central in progress");

        // Typed in the incident's channel, a command needs no incident option.
        assertThat(reply(discord.slash("alice", channel, null, "identified", "root-cause", "Deadlocked kubelet")))
                .doesNotStartWith("✗");
        assertThat(incident().state()).isEqualTo(IncidentState.IDENTIFIED);
        awaitIdle();
        assertThat(discord.calls("PATCH", "channels/" + channel + "/messages/" + cardId)).as("card edited in place")
                .isNotEmpty();
        assertThat(last(discord.calls("PATCH", "channels/" + channel)).json().path("topic").asText())
                .startsWith("Identified · SEV2");

        // Resolve through its modal, then the postmortem through the subcommand group.
        discord.click("alice", channel, cardId, "sitrep.card:resolved:INC-1");
        reply(discord.submitModal("alice", channel, "sitrep.modal:resolved:INC-1", "Restarted the component"));
        assertThat(incident().state()).isEqualTo(IncidentState.RESOLVED);
        reply(discord.slash("alice", channel, "postmortem", "start", "owner", "dana"));
        assertThat(incident().postmortem().owner()).isEqualTo("<@" + FakeDiscord.userId("dana") + ">");
        reply(discord.slash("dana", channel, "postmortem", "set", "field", "summary", "text", "One node deadlocked"));
        reply(discord.slash("dana", channel, "postmortem", "action", "text", "Probe with a deadline"));
        String closed = reply(discord.slash("dana", GENERAL, null, "close", "incident", "INC-1"));

        assertThat(closed).doesNotStartWith("✗");
        assertThat(incident().state()).isEqualTo(IncidentState.CLOSED);
        assertThat(incident().postmortem().summary()).isEqualTo("One node deadlocked");
        awaitIdle();
        assertThat(discord.calls("PATCH", "channels/" + channel).stream().map(FakeDiscord.Call::json)
                .filter(json -> json.has("topic")).reduce((a, b) -> b).orElseThrow().path("topic").asText())
                .startsWith("Closed");
        // Its last posts out, the closed incident's channel moves under the archive category.
        assertThat(discord.channelId("Incidents archive")).hasValueSatisfying(archive ->
                assertThat(discord.channel(channel).path("parent_id").asText()).isEqualTo(archive));
    }

    @Test
    void errorsAreEphemeralRepliesWithTheCoresMessageAndChangeNothing() {
        Interaction resolve = discord.slash("alice", GENERAL, null, "resolved", "resolution", "done",
                "incident", "INC-42");

        assertThat(reply(resolve)).startsWith("✗").contains("INC-42");
        assertThat(discord.callbacks(resolve.id()).get(0).json().path("data").path("flags").asInt()).isEqualTo(64);

        Interaction notAnId = discord.slash("alice", GENERAL, null, "update", "text", "x", "incident", "checkout");
        assertThat(reply(notAnId)).isEqualTo("✗ 'checkout' is not an incident; give its id, like INC-7.");

        Interaction badTime = discord.slash("alice", GENERAL, null, "declare", "title", "x", "detected-at", "yesterday");
        assertThat(reply(badTime)).startsWith("✗");
        awaitIdle();
        assertThat(store.find(new IncidentId(1))).isEmpty();
        assertThat(discord.calls("POST", "guilds/.*/channels")).isEmpty();
    }

    @Test
    void exportHandsTheCallerTheDocumentAsAFile() {
        reply(discord.slash("alice", GENERAL, null, "declare", "title", "Checkout errors"));

        Interaction export = discord.slash("alice", GENERAL, null, "export", "format", "md", "incident", "INC-1");

        assertThat(reply(export)).isEqualTo("Here is INC-1-postmortem.md.");
        Call edit = last(discord.replies(export.token()));
        assertThat(edit.body()).contains("filename=\"INC-1-postmortem.md\"");
        assertThat(edit.part("files[0]")).startsWith("# INC-1: Checkout errors");
    }

    private Incident incident() {
        return store.find(new IncidentId(1)).orElseThrow();
    }

    private static Call last(List<Call> calls) {
        assertThat(calls).isNotEmpty();
        return calls.get(calls.size() - 1);
    }

    private static List<String> fields(JsonNode embed) {
        List<String> fields = new ArrayList<>();
        embed.path("fields").forEach(f -> fields.add(f.path("name").asText() + "=" + f.path("value").asText()));
        return fields;
    }

    static List<String> buttons(JsonNode message) {
        List<String> ids = new ArrayList<>();
        message.path("components").forEach(row -> row.path("components")
                .forEach(button -> ids.add(button.path("custom_id").asText())));
        return ids;
    }
}
