package io.sitrep.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.app_backend.SlackSignature;

import io.micrometer.core.instrument.MeterRegistry;

import io.sitrep.incident.IncidentId;

/** Signed slash commands against the real Bolt endpoint: verification, answers, errors. */
class SlackSlashCommandTest extends SlackAppTest {

    @Test
    void signsLikeSlacksPublishedTestVector() {
        // From Slack's "Verifying requests from Slack" guide.
        String secret = "8f742231b10e8888abcd99yyyzzz85a5";
        String timestamp = "1531420618";
        String body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
                + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
                + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
                + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
        String expected = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

        assertThat(sign(secret, timestamp, body)).isEqualTo(expected);
        assertThat(new SlackSignature.Generator(secret).generate(timestamp, body)).isEqualTo(expected);
    }

    @Test
    void answersTheCallerPrivatelyThroughResponseUrl() throws Exception {
        String trigger = trigger();
        HttpResponse<String> response = post(slashCommand("declare \"Checkout <!channel> errors\" --sev 2",
                OPS_CHANNEL, trigger));

        assertThat(response.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !slack.calls("/respond/" + trigger).isEmpty());
        JsonNode answer = slack.calls("/respond/" + trigger).get(0).json(null);
        assertThat(answer.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(answer.path("text").asText()).contains("Declared INC-1")
                // Slack's escaped @channel is read as the words typed, and never posted back as a ping.
                .contains("Checkout @channel errors").doesNotContain("<!channel>");
        assertThat(store.find(new IncidentId(1))).hasValueSatisfying(i -> assertThat(i.declaredBy()).isEqualTo("alice"));
        assertThat(store.timeline(new IncidentId(1)).get(0).source()).isEqualTo("slack");
    }

    @Test
    void theAnswerNamesTheSlackChannelTheStakeholderPostWentTo() throws Exception {
        post(slashCommand("declare \"Checkout errors\"", OPS_CHANNEL, trigger()));
        await().atMost(Duration.ofSeconds(10)).until(() -> store.find(new IncidentId(1)).isPresent());
        String trigger = trigger();

        post(slashCommand("update INC-1 \"rolling back\"", OPS_CHANNEL, trigger));

        await().atMost(Duration.ofSeconds(10)).until(() -> !slack.calls("/respond/" + trigger).isEmpty());
        assertThat(slack.calls("/respond/" + trigger).get(0).json(null).path("text").asText())
                .startsWith("Posted to <#C0STAKE>.").doesNotContain("#stakeholders");
    }

    @Test
    void readsTheTextAsTypedThoughSlackSendsItEscaped() throws Exception {
        String trigger = trigger();
        // Slack escapes & < > in slash-command text.
        post(slashCommand("declare \"Search &amp; browse &lt;EU&gt;\"", OPS_CHANNEL, trigger));

        await().atMost(Duration.ofSeconds(10)).until(() -> !slack.calls("/respond/" + trigger).isEmpty());
        assertThat(store.find(new IncidentId(1))).hasValueSatisfying(i -> {
            assertThat(i.title()).isEqualTo("Search & browse <EU>");
            assertThat(i.channel()).isEqualTo("inc-1-search-browse-eu");
        });
    }

    @Test
    void anExportArrivesAsASlackFile() throws Exception {
        post(slashCommand("declare \"Checkout errors\""));
        await().atMost(Duration.ofSeconds(10)).until(() -> !slack.posts("C0STAKE").isEmpty());
        String trigger = trigger();

        post(slashCommand("export INC-1 md", OPS_CHANNEL, trigger));

        await().atMost(Duration.ofSeconds(10)).until(() -> !slack.calls("/respond/" + trigger).isEmpty());
        assertThat(slack.calls("/respond/" + trigger).get(0).json(null).path("text").asText())
                .isEqualTo("Uploaded INC-1-postmortem.md to this channel.");
        assertThat(slack.calls("files.getUploadURLExternal")).singleElement()
                .satisfies(c -> assertThat(c.field("filename")).isEqualTo("INC-1-postmortem.md"));
        assertThat(slack.calls("/upload/F0FILE1")).singleElement()
                .satisfies(c -> assertThat(c.body()).contains("# INC-1: Checkout errors"));
        assertThat(slack.calls("files.completeUploadExternal")).singleElement()
                .satisfies(c -> assertThat(c.field("channel_id")).isEqualTo(OPS_CHANNEL));
    }

    @Test
    void answersAnErrorEphemerally() throws Exception {
        String trigger = trigger();
        HttpResponse<String> response = post(slashCommand("frobnicate", OPS_CHANNEL, trigger));

        assertThat(response.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !slack.calls("/respond/" + trigger).isEmpty());
        JsonNode answer = slack.calls("/respond/" + trigger).get(0).json(null);
        assertThat(answer.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(answer.path("text").asText()).startsWith("✗ Unknown command 'frobnicate'");
    }

    @Test
    void refusesABadSignatureAndChangesNothing() throws Exception {
        HttpResponse<String> response = post(slashCommand("declare \"forged\""), Instant.now(), "not-the-secret", Map.of());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(store.find(new IncidentId(1))).isEmpty();
    }

    @Test
    void refusesATimestampOlderThanFiveMinutes() throws Exception {
        HttpResponse<String> response = post(slashCommand("declare \"replayed\""),
                Instant.now().minus(Duration.ofMinutes(6)), SECRET, Map.of());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(store.find(new IncidentId(1))).isEmpty();
    }

    @Test
    void refusesARequestWithoutSlackHeaders() throws Exception {
        HttpResponse<String> response = postUnsigned(slashCommand("declare \"unsigned\""));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(store.find(new IncidentId(1))).isEmpty();
    }

    @Autowired
    MeterRegistry registry;

    @Test
    void slacksRequestsAreTimedUntilAcknowledgedOutsideSpringsPerRequestObservation() throws Exception {
        long ok = acks("2xx");
        long refused = acks("4xx");
        long observed = springObservedRequests();

        assertThat(post(slashCommand("status INC-9", OPS_CHANNEL, trigger())).statusCode()).isEqualTo(200);
        assertThat(post(slashCommand("declare \"forged\""), Instant.now(), "not-the-secret", Map.of()).statusCode())
                .isEqualTo(401);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(acks("2xx")).isEqualTo(ok + 1);
            assertThat(acks("4xx")).isEqualTo(refused + 1);
        });
        assertThat(springObservedRequests()).as("/slack/events is not observed a second time").isEqualTo(observed);
    }

    private long acks(String statusClass) {
        return registry.get("sitrep.slack.acks").tag("status", statusClass).timer().count();
    }

    private long springObservedRequests() {
        return registry.find("http.server.requests").timers().stream().mapToLong(t -> t.count()).sum();
    }
}
