package io.sitrep.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sitrep.bot.paging.ChatPagingFiles;
import io.sitrep.bot.slack.SlackRequests;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.integrations.chat.discord.FakeDiscord;
import io.sitrep.integrations.chat.discord.FakeDiscord.Call;
import io.sitrep.integrations.chat.slack.FakeSlackApi;

/**
 * Pages reach Discord users by direct message with an Acknowledge button — also for an incident
 * that lives on Slack, for someone who is on Discord only — and the button acknowledges.
 */
class DiscordPagingTest extends DiscordAppTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final IncidentId INC_1 = new IncidentId(1);
    private static final String ACKNOWLEDGE = "sitrep.run:ack INC-1 --button";
    private static final String ERIN = FakeDiscord.userId("erin");
    private static final String CAROL = FakeDiscord.userId("carol");

    @Test
    void aDiscordOnlyPersonIsPagedForASlackIncidentAndAcknowledgesWithTheButton() throws Exception {
        declareOnSlack();

        await().atMost(WAIT).until(() -> !pages(ERIN).isEmpty() && !pages(CAROL).isEmpty());
        assertThat(DiscordLifecycleTest.buttons(pages(ERIN).get(0).json())).containsExactly(ACKNOWLEDGE);
        await().atMost(WAIT).until(() -> notified().stream().anyMatch(e -> "erin".equals(e.data().get("person"))));
        assertThat(notified()).filteredOn(e -> "erin".equals(e.data().get("person")))
                .allSatisfy(e -> assertThat(e.data()).containsEntry("method", "discord").doesNotContainKey("failed"));

        String refused = reply(discord.click("mallory", GENERAL, "1", ACKNOWLEDGE));
        assertThat(refused).startsWith("✗ Only a person paged for INC-1");

        String answer = reply(discord.clickInDirectMessage("erin", "1", ACKNOWLEDGE));

        assertThat(answer).contains("acknowledged INC-1 (button)");
        TimelineEntry ack = entries(TimelineKind.ACKNOWLEDGED).get(0);
        assertThat(ack.data()).containsEntry("how", "button").containsEntry("by", "<@" + ERIN + ">");
        await().atMost(WAIT).until(() -> directMessages(CAROL).stream()
                .anyMatch(c -> c.json().path("content").asText().contains("INC-1 is handled")));
        await().atMost(WAIT).until(() -> slack.posts(FakeSlackApi.directChannel(ChatPagingFiles.BOB)).stream()
                .anyMatch(c -> c.field("text").contains("INC-1 is handled")));
        assertThat(pages(ERIN)).as("erin is not told of her own acknowledgement").hasSize(1);
    }

    @Test
    void aDirectMessageDiscordRefusesIsRecordedAsAFailedNotification() throws Exception {
        discord.failNext("POST", "channels/\\d+/messages", 2, 403,
                "{\"message\":\"Cannot send messages to this user\",\"code\":50007}", Map.of());

        declareOnSlack();

        await().atMost(WAIT).until(() -> notified().stream().anyMatch(e -> "erin".equals(e.data().get("person"))));
        assertThat(notified()).filteredOn(e -> "erin".equals(e.data().get("person"))).singleElement()
                .satisfies(e -> assertThat(e.data()).containsEntry("failed", true)
                        .hasEntrySatisfying("error", error -> assertThat(error.toString()).contains("50007")));
    }

    private void declareOnSlack() throws Exception {
        HttpResponse<String> ack = HttpClient.newHttpClient().send(SlackRequests.slashCommandRequest(port, SLACK_SECRET,
                        slack.baseUrl() + "/respond/declare", "C0OPS",
                        "declare \"Payments fail\" --sev 1 --service " + ChatPagingFiles.SERVICE),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ack.statusCode()).isEqualTo(200);
    }

    private List<Call> directMessages(String user) {
        return discord.directChannel(user).map(discord::posts).orElse(List.of());
    }

    private List<Call> pages(String user) {
        return directMessages(user).stream()
                .filter(c -> c.json().path("content").asText().contains("You are paged for INC-1")).toList();
    }

    private List<TimelineEntry> notified() {
        return entries(TimelineKind.NOTIFIED);
    }

    private List<TimelineEntry> entries(TimelineKind kind) {
        return store.timeline(INC_1).stream().filter(e -> e.kind() == kind).toList();
    }
}
