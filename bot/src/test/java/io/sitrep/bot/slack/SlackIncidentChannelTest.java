package io.sitrep.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentState;
import io.sitrep.integrations.chat.slack.FakeSlackApi.Answer;
import io.sitrep.integrations.chat.slack.FakeSlackApi.Call;
import io.sitrep.integrations.chat.slack.FakeSlackApi.LostAnswer;

/** A declare on Slack opens the incident's channel; commands there act on it and keep its card current. */
class SlackIncidentChannelTest extends SlackAppTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void declareCreatesInvitesSetsTheTopicPinsTheCardAndAnnounces() throws Exception {
        post(slashCommand("declare \"Checkout errors\" --sev 2 --service checkout --region eu-west-1 --node node-7"));

        await().atMost(WAIT).until(() -> !slack.calls("conversations.setTopic").isEmpty()
                && !slack.posts("C0STAKE").isEmpty());
        assertThat(slack.calls("conversations.create")).singleElement()
                .satisfies(c -> assertThat(c.field("name")).isEqualTo("inc-1-checkout-errors"));
        assertThat(slack.calls("conversations.invite")).singleElement().satisfies(c -> {
            assertThat(c.field("channel")).isEqualTo("C0INC1");
            assertThat(c.field("users")).isEqualTo("U0ALICE");
        });
        Call card = slack.posts("C0INC1").get(0);
        JsonNode blocks = card.json("blocks");
        assertThat(blocks.get(0).path("text").path("text").asText()).isEqualTo("INC-1 · Checkout errors");
        assertThat(fieldTexts(blocks)).contains("*Status*\nInvestigating", "*Severity*\nSEV2", "*Commander*\n<@U0ALICE>",
                "*Comms*\n_unassigned_", "*Service*\ncheckout", "*Region*\neu-west-1", "*Nodes*\nnode-7");
        assertThat(buttons(blocks)).contains("sitrep.card.update", "sitrep.card.identified", "sitrep.card.resolved");
        String cardTs = slack.messages("C0INC1").get(0).ts();
        assertThat(slack.calls("pins.add")).singleElement().satisfies(pin -> {
            assertThat(pin.field("channel")).isEqualTo("C0INC1");
            assertThat(pin.field("timestamp")).isEqualTo(cardTs);
        });
        assertThat(slack.calls("conversations.setTopic").get(0).field("topic"))
                .isEqualTo("Investigating · SEV2 · commander <@U0ALICE> · INC-1 Checkout errors");
        assertThat(slack.posts("C0STAKE").get(0).field("text")).contains("New incident INC-1")
                .contains("Follow <#C0INC1>");
    }

    @Test
    void commandsTypedInTheIncidentChannelActOnItAndUpdateCardTopicAndStakeholders() throws Exception {
        declareAndWaitForChannel();
        String cardTs = slack.messages("C0INC1").get(0).ts();
        slack.reset();

        post(slashCommand("update \"Failover to eu-central in progress\"", "C0INC1", trigger()));
        await().atMost(WAIT).until(() -> !slack.posts("C0STAKE").isEmpty());
        assertThat(slack.calls("chat.update")).hasSize(1);
        assertThat(slack.posts("C0STAKE")).singleElement().satisfies(p -> assertThat(p.field("text"))
                .startsWith("Investigating — INC-1 Checkout errors\nFailover to eu-central in progress\nPosted ")
                .contains("Next update in 60 minutes"));
        assertThat(slack.calls("conversations.setTopic")).as("topic unchanged, not set again").isEmpty();

        post(slashCommand("sev 1", "C0INC1", trigger()));
        await().atMost(WAIT).until(() -> !slack.calls("conversations.setTopic").isEmpty());
        assertThat(slack.calls("conversations.setTopic").get(0).field("topic")).startsWith("Investigating · SEV1");
        Call update = slack.calls("chat.update").get(slack.calls("chat.update").size() - 1);
        assertThat(update.field("ts")).isEqualTo(cardTs);
        assertThat(fieldTexts(update.json("blocks"))).contains("*Severity*\nSEV1");
        assertThat(store.find(new IncidentId(1)).orElseThrow().severity().name()).isEqualTo("SEV1");
    }

    @Test
    void aCancelledIncidentsChannelIsArchivedOnceAfterItsLastPosts() throws Exception {
        declareAndWaitForChannel();
        slack.reset();

        post(slashCommand("cancel \"false alarm: a test alert\"", "C0INC1", trigger()));
        await().atMost(WAIT).until(() -> !slack.calls("conversations.archive").isEmpty());
        assertThat(slack.calls("conversations.archive")).singleElement()
                .satisfies(c -> assertThat(c.field("channel")).isEqualTo("C0INC1"));
        assertThat(slack.calls("conversations.archive").get(0).at()).as("after the card and the stakeholder post")
                .isAfterOrEqualTo(slack.calls("chat.update").get(0).at())
                .isAfterOrEqualTo(slack.posts("C0STAKE").get(0).at());

        post(slashCommand("note INC-1 \"written up in the weekly review\"", OPS_CHANNEL, trigger()));
        awaitIdle();
        assertThat(slack.calls("conversations.archive")).as("archived once").hasSize(1);
    }

    @Test
    void aChannelWhoseCreationAnswerWasLostIsFoundNotMadeTwice() throws Exception {
        slack.loseNextCreateAnswer();

        declareAndWaitForChannel();

        assertThat(slack.calls("conversations.create")).as("the lost try and the retry").hasSize(2);
        assertThat(slack.createdChannels()).containsExactly(java.util.Map.entry("inc-1-checkout-errors", "C0INC1"));
        assertThat(slack.calls("conversations.setTopic")).allSatisfy(c -> assertThat(c.field("channel")).isEqualTo("C0INC1"));
    }

    @Test
    void aCardWhoseAnswerWasLostIsFoundByTheRetryNotPostedTwice() throws Exception {
        slack.loseAnswerToNextPost("C0INC1", LostAnswer.SERVER_ERROR);

        declareAndWaitForChannel();
        awaitIdle();

        assertThat(slack.messages("C0INC1")).as("one card in the room").singleElement()
                .satisfies(card -> assertThat(card.payload("post")).isEqualTo("card"));
        String cardTs = slack.messages("C0INC1").get(0).ts();
        assertThat(slack.calls("pins.add")).singleElement()
                .satisfies(pin -> assertThat(pin.field("timestamp")).isEqualTo(cardTs));
        post(slashCommand("sev 1", "C0INC1", trigger()));
        await().atMost(WAIT).until(() -> !slack.calls("chat.update").isEmpty());
        assertThat(slack.calls("chat.update").get(0).field("ts")).as("the card found is the one kept").isEqualTo(cardTs);
    }

    @Test
    void aReadOnlyCommandLeavesTheCardAlone() throws Exception {
        declareAndWaitForChannel();
        slack.reset();
        String trigger = trigger();

        post(slashCommand("status", "C0INC1", trigger));

        await().atMost(WAIT).until(() -> !slack.calls("/respond/" + trigger).isEmpty());
        await().atMost(WAIT).until(() -> deliveries.lanesOwed().isEmpty());
        assertThat(slack.calls("/respond/" + trigger).get(0).json(null).path("text").asText()).contains("INC-1");
        assertThat(slack.calls("chat.update")).isEmpty();
        assertThat(slack.calls("chat.postMessage")).isEmpty();
    }

    @Test
    void aTakenNameGetsASuffix() throws Exception {
        slack.script("conversations.create", Answer.error("name_taken"));

        post(slashCommand("declare \"Checkout errors\""));

        await().atMost(WAIT).until(() -> slack.calls("conversations.create").size() == 2
                && !slack.calls("pins.add").isEmpty());
        assertThat(slack.calls("conversations.create")).extracting(c -> c.field("name"))
                .containsExactly("inc-1-checkout-errors", "inc-1-checkout-errors-2");
    }

    @Test
    void aRetriedDeclareMakesOneIncidentAndOneChannel() throws Exception {
        String trigger = trigger();
        String body = slashCommand("declare \"Checkout errors\"", OPS_CHANNEL, trigger);

        assertThat(post(body).statusCode()).isEqualTo(200);
        assertThat(post(body, Instant.now(), SECRET, Map.of("X-Slack-Retry-Num", "1",
                "X-Slack-Retry-Reason", "http_timeout")).statusCode()).isEqualTo(200);

        await().atMost(WAIT).until(() -> !slack.calls("pins.add").isEmpty());
        awaitIdle(); // everything the app will do with these requests is done
        assertThat(store.find(new IncidentId(2))).isEmpty();
        assertThat(slack.calls("conversations.create")).hasSize(1);
        assertThat(slack.calls("/respond/" + trigger)).hasSize(1);
    }

    @Test
    void aRateLimitedStakeholderPostArrivesAfterTheWait() throws Exception {
        slack.script("chat.postMessage", Answer.rateLimited(1));

        post(slashCommand("declare \"Checkout errors\""));

        await().atMost(WAIT).until(() -> !slack.posts("C0STAKE").isEmpty());
        List<Call> posts = slack.calls("chat.postMessage");
        // The card was refused, then posted after Retry-After; the announcement followed.
        assertThat(Duration.between(posts.get(0).at(), posts.get(1).at())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(posts.get(1).field("channel")).isEqualTo("C0INC1");
        assertThat(store.find(new IncidentId(1)).orElseThrow().state()).isEqualTo(IncidentState.INVESTIGATING);
    }

    @Test
    void aSlackOutageDoesNotLoseTheChange() throws Exception {
        slack.script("conversations.create", Answer.serverError(), Answer.serverError());
        String trigger = trigger();

        post(slashCommand("declare \"Checkout errors\"", OPS_CHANNEL, trigger));

        await().atMost(Duration.ofSeconds(20)).until(() -> !slack.calls("pins.add").isEmpty());
        assertThat(slack.calls("conversations.create")).hasSize(3);
        assertThat(store.find(new IncidentId(1))).isPresent();
        assertThat(slack.calls("/respond/" + trigger)).hasSize(1);
    }

    private void declareAndWaitForChannel() throws Exception {
        post(slashCommand("declare \"Checkout errors\" --sev 2"));
        await().atMost(WAIT).until(() -> !slack.calls("conversations.setTopic").isEmpty()
                && !slack.posts("C0STAKE").isEmpty());
    }

    static List<String> fieldTexts(JsonNode blocks) {
        return StreamSupport.stream(blocks.spliterator(), false)
                .filter(b -> b.path("type").asText().equals("section"))
                .flatMap(b -> StreamSupport.stream(b.path("fields").spliterator(), false))
                .map(f -> f.path("text").asText())
                .toList();
    }

    static List<String> buttons(JsonNode blocks) {
        return StreamSupport.stream(blocks.spliterator(), false)
                .filter(b -> b.path("type").asText().equals("actions"))
                .flatMap(b -> StreamSupport.stream(b.path("elements").spliterator(), false))
                .map(e -> e.path("action_id").asText())
                .toList();
    }
}
