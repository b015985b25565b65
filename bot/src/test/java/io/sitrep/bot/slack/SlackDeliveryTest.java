package io.sitrep.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;

import io.sitrep.bot.notice.Notices;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.Watcher;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.slack.FakeSlackApi;
import io.sitrep.integrations.chat.slack.FakeSlackApi.Answer;
import io.sitrep.integrations.chat.slack.FakeSlackApi.LostAnswer;

/**
 * What the delivery queue shows and does on Slack: posts owed during an outage appear in
 * {@code /incident status} and go out once Slack is back, a watcher's notice among them (the
 * same path as a command's posts); a post Slack refuses for good is
 * recorded, shown, and holds up nothing else; a post Slack took but whose answer was lost is
 * found in the channel by the retry, not posted twice.
 */
class SlackDeliveryTest extends SlackAppTest {

    @Autowired
    Notices notices;

    private static final Duration WAIT = Duration.ofSeconds(30);

    private void declare(String title) throws Exception {
        int before = slack.succeeded("chat.postMessage").size();
        post(slashCommand("declare \"" + title + "\""));
        await().atMost(WAIT).until(() -> slack.succeeded("chat.postMessage").stream().skip(before)
                .anyMatch(call -> "C0STAKE".equals(call.field("channel"))));
    }

    /** The text of the {@code response_url} answer to a command typed with {@code trigger}. */
    private String answer(String trigger) {
        await().atMost(WAIT).until(() -> !slack.calls("/respond/" + trigger).isEmpty());
        return slack.calls("/respond/" + trigger).get(0).json(null).path("text").asText();
    }

    @Test
    void postsOwedDuringAnOutageShowInStatusAndGoOutOnceSlackIsBack() throws Exception {
        declare("Checkout errors");
        slack.outage("chat.postMessage");

        post(slashCommand("update INC-1 Rolling back the release", "C0INC1", trigger()));
        await().atMost(WAIT).until(() -> deliveries.owed(new IncidentId(1), List.of("slack")).stream()
                .anyMatch(owed -> owed.attempts() > 0));
        String status = trigger();
        post(slashCommand("status INC-1", "C0INC1", status));

        assertThat(answer(status)).contains("Posts owed on slack: 1 delivery · 1 failed try")
                .contains("chat.postMessage failed: HTTP 503 (outcome unknown)");
        slack.endOutage();
        awaitIdle();
        assertThat(slack.succeeded("chat.postMessage")).filteredOn(call -> "C0STAKE".equals(call.field("channel"))
                && call.field("text").contains("Rolling back the release")).hasSize(1);
    }

    @Test
    void aWatchersNoticeTakesTheSameDurablePathAndIsNotLostInAnOutage() throws Exception {
        declare("Checkout errors");
        slack.outage("chat.postMessage");
        Incident incident = store.find(new IncidentId(1)).orElseThrow();

        notices.post(Watcher.HEALTH, incident, "checkout-api is DOWN since 2026-12-01 10:00 UTC: no answer in 2 s",
                List.of(Audience.STAKEHOLDERS), false);

        await().atMost(WAIT).until(() -> deliveries.owed(new IncidentId(1), List.of("slack")).stream()
                .anyMatch(owed -> owed.attempts() > 0));
        slack.endOutage();
        awaitIdle();
        assertThat(slack.succeeded("chat.postMessage")).filteredOn(call -> call.field("text").contains("is DOWN since"))
                .extracting(call -> call.field("channel")).containsExactlyInAnyOrder("C0INC1", "C0STAKE");
    }

    private List<FakeSlackApi.Posted> stakeholderPostsSaying(String text) {
        return slack.messages("C0STAKE").stream().filter(m -> m.text().contains(text)).toList();
    }

    @ParameterizedTest
    @EnumSource(value = LostAnswer.class, names = {"SERVER_ERROR", "CONNECTION_CLOSED"})
    void aPostSlackTookWhoseAnswerWasLostIsNotPostedAgainOnTheRetry(LostAnswer lost) throws Exception {
        declare("Checkout errors");
        slack.loseAnswerToNextPost("C0STAKE", lost);

        post(slashCommand("update INC-1 Rolling back the release", "C0INC1", trigger()));
        awaitIdle();

        assertThat(stakeholderPostsSaying("Rolling back the release")).as("one message in the channel").hasSize(1);
        assertThat(slack.calls("conversations.history")).as("the retry looked first").isNotEmpty();
        assertThat(deliveries.failures(new IncidentId(1))).isEmpty();
    }

    @Test
    void aPostThatNeverReachedSlackIsSentOnTheRetryThatLooksForIt() throws Exception {
        declare("Checkout errors");
        slack.failNextPost("C0STAKE", Answer.serverError());

        post(slashCommand("update INC-1 Rolling back the release", "C0INC1", trigger()));
        awaitIdle();

        assertThat(slack.calls("conversations.history")).as("the retry looked first").isNotEmpty();
        assertThat(stakeholderPostsSaying("Rolling back the release")).hasSize(1);
    }

    @Test
    void aRetryThatCannotLookWaitsRatherThanPostingBlind() throws Exception {
        declare("Checkout errors");
        slack.loseAnswerToNextPost("C0STAKE", LostAnswer.SERVER_ERROR);
        slack.outage("conversations.history");

        post(slashCommand("update INC-1 Rolling back the release", "C0INC1", trigger()));
        await().atMost(WAIT).until(() -> deliveries.owed(new IncidentId(1), List.of("slack")).stream()
                .anyMatch(owed -> owed.attempts() >= 2 && owed.lastError().contains("could not look")));
        assertThat(stakeholderPostsSaying("Rolling back the release")).hasSize(1);

        slack.endOutage();
        awaitIdle();
        assertThat(stakeholderPostsSaying("Rolling back the release")).hasSize(1);
    }

    @Test
    void aPostRefusedForGoodIsRecordedShownAndHoldsUpNothingElse() throws Exception {
        declare("Checkout errors");
        slack.script("chat.postMessage", Answer.error("channel_not_found"));
        post(slashCommand("update INC-1 Stakeholder channel was deleted", "C0INC1", trigger()));
        await().atMost(WAIT).until(() -> !deliveries.failures(new IncidentId(1)).isEmpty());

        declare("Search slow");
        String status = trigger();
        post(slashCommand("status INC-1", "C0INC1", status));

        assertThat(answer(status)).contains("Not posted on slack (")
                .contains("Slack refused the stakeholder post to C0STAKE: channel_not_found");
        assertThat(slack.calls("chat.postMessage")).filteredOn(call -> call.field("text").contains("deleted"))
                .as("refused for good: not tried again").hasSize(1);
        awaitIdle();
    }
}
