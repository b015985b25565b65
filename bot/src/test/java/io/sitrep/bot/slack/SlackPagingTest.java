package io.sitrep.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.sitrep.bot.paging.ChatPagingFiles;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.integrations.chat.slack.FakeSlackApi;
import io.sitrep.integrations.chat.slack.FakeSlackApi.Answer;
import io.sitrep.integrations.chat.slack.FakeSlackApi.Call;

/**
 * A severe incident of a service with an escalation policy pages its first level by Slack
 * direct message, each with an Acknowledge button; a click by a paged person acknowledges it,
 * tells the others it is handled and stops the escalation; a click by anyone else is refused.
 */
class SlackPagingTest extends SlackAppTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final IncidentId INC_1 = new IncidentId(1);
    private static final String BOB_DM = FakeSlackApi.directChannel(ChatPagingFiles.BOB);
    private static final String CAROL_DM = FakeSlackApi.directChannel(ChatPagingFiles.CAROL);
    private static final String DAVE_DM = FakeSlackApi.directChannel(ChatPagingFiles.DAVE);

    @Test
    void aPagedPersonAcknowledgesWithTheButtonAndTheEscalationStops() throws Exception {
        Instant declared = Instant.now();
        post(slashCommand("declare \"Payments fail\" --sev 1 --service " + ChatPagingFiles.SERVICE));

        await().atMost(Duration.ofSeconds(5)).until(() -> !pages(BOB_DM).isEmpty() && !pages(CAROL_DM).isEmpty());
        Call page = pages(BOB_DM).get(0);
        assertThat(Duration.between(declared, page.at())).as("the trigger's first notification").isLessThan(
                Duration.ofSeconds(5));
        assertThat(slack.calls("conversations.open")).extracting(c -> c.field("users"))
                .contains(ChatPagingFiles.BOB, ChatPagingFiles.CAROL);
        JsonNode button = acknowledgeButton(page);
        assertThat(button.path("value").asText()).isEqualTo("ack INC-1 --button");
        await().atMost(WAIT).until(() -> sent(TimelineKind.NOTIFIED).size() >= 2);
        assertThat(sent(TimelineKind.NOTIFIED)).extracting(e -> e.data().get("person"))
                .containsExactlyInAnyOrder("bob", "carol");
        assertThat(sent(TimelineKind.NOTIFIED)).allSatisfy(e -> assertThat(e.data()).containsEntry("method", "slack"));
        assertThat(entries(TimelineKind.NOTIFIED)).as("erin is on Discord only, which this Sitrep does not have")
                .anySatisfy(e -> assertThat(e.data()).containsEntry("person", "erin").containsEntry("failed", true));

        actAs("U0MALLORY", "mallory");
        long version = store.find(INC_1).orElseThrow().version();
        post(buttonClick(button.path("action_id").asText(), "ack INC-1 --button", BOB_DM, trigger()));
        await().atMost(WAIT).until(() -> !ephemeralsTo("U0MALLORY").isEmpty());
        assertThat(ephemeralsTo("U0MALLORY").get(0).field("text")).startsWith("✗ Only a person paged for INC-1");
        assertThat(store.find(INC_1).orElseThrow().version()).as("nothing changed").isEqualTo(version);

        actAs(ChatPagingFiles.BOB, "bob");
        post(buttonClick(button.path("action_id").asText(), "ack INC-1 --button", BOB_DM, trigger()));

        await().atMost(WAIT).until(() -> !entries(TimelineKind.ACKNOWLEDGED).isEmpty());
        Instant acknowledged = Instant.now();
        TimelineEntry ack = entries(TimelineKind.ACKNOWLEDGED).get(0);
        assertThat(ack.data()).containsEntry("how", "button").containsEntry("by", "<@U0BOB>");
        await().atMost(WAIT).until(() -> slack.posts(CAROL_DM).stream()
                .anyMatch(c -> c.field("text").contains("INC-1 is handled")));
        assertThat(store.find(INC_1).orElseThrow().paging().live()).isEmpty();
        String status = trigger();
        post(slashCommand("status INC-1", OPS_CHANNEL, status));
        await().atMost(WAIT).until(() -> !slack.calls("/respond/" + status).isEmpty());
        assertThat(slack.calls("/respond/" + status).get(0).json(null).path("text").asText())
                .containsPattern("Page P1 · level 1 · bob, carol · acknowledged by \\S*U0BOB\\S* \\(button\\) \\d+s after"
                        + " the page — SEV1 Payments fail");

        // The first level's wait runs out: nobody else is woken.
        Thread.sleep(Duration.ofSeconds(ChatPagingFiles.ESCALATE_AFTER_SECONDS + 2).toMillis()); // the escalation's wait itself
        awaitIdle();
        assertThat(slack.posts(DAVE_DM)).isEmpty();
        assertThat(slack.calls("chat.postMessage")).filteredOn(c -> c.at().isAfter(acknowledged))
                .noneMatch(c -> c.field("text").contains("You are paged"));
        assertThat(slack.posts(BOB_DM)).as("bob is not told of his own acknowledgement").hasSize(1);
        assertThat(entries(TimelineKind.ESCALATED)).isEmpty();
    }

    @Test
    void aDirectMessageSlackRefusesIsRecordedAndEscalatesAtOnce() throws Exception {
        // The scripted refusal must meet this page's first DM, not a message an earlier test left queued.
        await().atMost(WAIT).until(() -> deliveries.lanesOwed().isEmpty());
        slack.script("conversations.open", Answer.error("user_not_found"));

        post(slashCommand("declare \"Payments fail\" --sev 1 --service " + ChatPagingFiles.SERVICE));

        await().atMost(WAIT).until(() -> entries(TimelineKind.NOTIFIED).stream()
                .anyMatch(e -> e.data().get("error") != null));
        TimelineEntry failed = entries(TimelineKind.NOTIFIED).stream()
                .filter(e -> e.data().get("error") != null).findFirst().orElseThrow();
        assertThat(failed.data().get("error").toString()).contains("user_not_found");
        // Not waiting out the level: dave, the next one, is paged at once.
        await().atMost(Duration.ofSeconds(ChatPagingFiles.ESCALATE_AFTER_SECONDS - 1))
                .until(() -> !pages(DAVE_DM).isEmpty());
    }

    private List<Call> pages(String channel) {
        return slack.posts(channel).stream().filter(c -> c.field("text").contains("You are paged for INC-1")).toList();
    }

    private List<Call> ephemeralsTo(String user) {
        return slack.calls("chat.postEphemeral").stream().filter(c -> user.equals(c.field("user"))).toList();
    }

    /** The notifications that went out (not those that could not). */
    private List<TimelineEntry> sent(TimelineKind kind) {
        return entries(kind).stream().filter(e -> !Boolean.TRUE.equals(e.data().get("failed"))).toList();
    }

    private List<TimelineEntry> entries(TimelineKind kind) {
        return store.timeline(INC_1).stream().filter(e -> e.kind() == kind).toList();
    }

    private static JsonNode acknowledgeButton(Call page) {
        JsonNode buttons = page.json("blocks").get(1).path("elements");
        assertThat(buttons).hasSize(1);
        assertThat(buttons.get(0).path("text").path("text").asText()).isEqualTo("Acknowledge");
        return buttons.get(0);
    }
}
