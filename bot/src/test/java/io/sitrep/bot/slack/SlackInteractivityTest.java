package io.sitrep.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.TimelineKind;
import io.sitrep.integrations.chat.slack.FakeSlackApi.Call;

/** The declare modal and the card's buttons, through signed block-action and view-submission payloads. */
class SlackInteractivityTest extends SlackAppTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final IncidentId INC_1 = new IncidentId(1);

    @Test
    void aBareDeclareOpensTheDeclareModal() throws Exception {
        String trigger = trigger();

        post(slashCommand("declare", OPS_CHANNEL, trigger));

        await().atMost(WAIT).until(() -> !slack.calls("views.open").isEmpty());
        Call open = slack.calls("views.open").get(0);
        assertThat(open.field("trigger_id")).isEqualTo(trigger);
        JsonNode view = open.json("view");
        assertThat(view.path("callback_id").asText()).isEqualTo("sitrep.declare");
        assertThat(view.path("private_metadata").asText()).isEqualTo(OPS_CHANNEL);
        // A field for each argument and flag of the declare command's spec, then the description.
        assertThat(view.path("blocks").findValuesAsText("block_id")).containsExactly("title", "severity", "service",
                "region", "node", "detected-at", "started-at", "private", "description");
        assertThat(store.find(INC_1)).isEmpty();
    }

    @Test
    void submittingTheDeclareModalDeclaresOnceEvenWhenSubmittedTwice() throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("title", "Login fails with \"--sev 1\" in the error");
        values.put("severity", "SEV2");
        values.put("service", "connectme");
        values.put("region", "eu-west-1");
        values.put("node", "node-3, node-4");
        values.put("description", "Users on node-3 cannot log in");
        String submission = viewSubmission("sitrep.declare", "V0DECLARE", OPS_CHANNEL, values);

        assertThat(post(submission).statusCode()).isEqualTo(200);
        assertThat(post(submission, Instant.now(), SECRET, Map.of("X-Slack-Retry-Num", "1")).statusCode())
                .isEqualTo(200);

        await().atMost(WAIT).until(() -> !slack.posts("C0STAKE").isEmpty()
                && !slack.calls("chat.postEphemeral").isEmpty());
        Incident incident = store.find(INC_1).orElseThrow();
        assertThat(incident.title()).isEqualTo("Login fails with \"--sev 1\" in the error");
        assertThat(incident.severity().name()).isEqualTo("SEV2");
        assertThat(incident.service()).isEqualTo("connectme");
        assertThat(incident.region()).isEqualTo("eu-west-1");
        assertThat(incident.nodes()).containsExactly("node-3", "node-4");
        assertThat(store.timeline(INC_1)).anySatisfy(entry -> {
            assertThat(entry.kind()).isEqualTo(TimelineKind.NOTE);
            assertThat(entry.text()).isEqualTo("Users on node-3 cannot log in");
        });
        assertThat(store.find(new IncidentId(2))).isEmpty();
        assertThat(slack.calls("conversations.create")).hasSize(1);
        Call answer = slack.calls("chat.postEphemeral").get(0);
        assertThat(answer.field("channel")).isEqualTo(OPS_CHANNEL);
        assertThat(answer.field("user")).isEqualTo("U0ALICE");
        assertThat(answer.field("text")).contains("Declared INC-1");
    }

    @Test
    void theResolveButtonAsksForTheResolutionAndResolves() throws Exception {
        post(slashCommand("declare \"Checkout errors\""));
        await().atMost(WAIT).until(() -> !slack.posts("C0STAKE").isEmpty());
        String trigger = trigger();

        post(buttonClick("sitrep.card.resolved", "INC-1", "C0INC1", trigger));

        await().atMost(WAIT).until(() -> !slack.calls("views.open").isEmpty());
        Call open = slack.calls("views.open").get(0);
        assertThat(open.field("trigger_id")).isEqualTo(trigger);
        JsonNode view = open.json("view");
        assertThat(view.path("callback_id").asText()).isEqualTo("sitrep.card-action");
        String metadata = view.path("private_metadata").asText();
        assertThat(metadata).isEqualTo("INC-1|resolved|C0INC1");
        assertThat(view.path("blocks").get(0).path("label").path("text").asText()).isEqualTo("The resolution");
        assertThat(store.find(INC_1).orElseThrow().state()).isEqualTo(IncidentState.INVESTIGATING);

        slack.reset();
        post(viewSubmission("sitrep.card-action", "V0RESOLVE", metadata, Map.of("text", "Restarted the login pods")));

        await().atMost(WAIT).until(() -> !slack.posts("C0STAKE").isEmpty() && !slack.calls("chat.postEphemeral").isEmpty());
        Incident incident = store.find(INC_1).orElseThrow();
        assertThat(incident.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(incident.resolution()).isEqualTo("Restarted the login pods");
        assertThat(slack.posts("C0STAKE").get(0).field("text")).startsWith("Resolved — INC-1 Checkout errors");
        assertThat(SlackIncidentChannelTest.buttons(slack.calls("chat.update").get(0).json("blocks")))
                .contains("sitrep.card.reopen").doesNotContain("sitrep.card.resolved");
    }

    @Test
    void runbookStepsCanBeRecordedWithButtonsAndOnlyRunbookCommandsRun() throws Exception {
        post(slashCommand("declare \"Login node unresponsive\""));
        await().atMost(WAIT).until(() -> !slack.posts("C0STAKE").isEmpty());
        slack.reset();

        post(slashCommand("runbook platform-node-unresponsive", "C0INC1", trigger()));

        await().atMost(WAIT).until(() -> slack.posts("C0INC1").stream().anyMatch(c -> c.field("text").contains("started runbook")));
        Call step = slack.posts("C0INC1").stream().filter(c -> c.field("text").contains("started runbook")).findFirst()
                .orElseThrow();
        JsonNode buttons = step.json("blocks").get(1).path("elements");
        assertThat(buttons.findValuesAsText("value")).containsExactly(
                "runbook INC-1 step 1 done --runbook platform-node-unresponsive",
                "runbook INC-1 step 1 skip --runbook platform-node-unresponsive",
                "runbook INC-1 step 1 fail --runbook platform-node-unresponsive");

        post(buttonClick(buttons.get(0).path("action_id").asText(), buttons.get(0).path("value").asText(), "C0INC1",
                trigger()));
        await().atMost(WAIT).until(() -> !slack.calls("chat.postEphemeral").isEmpty());
        assertThat(slack.calls("chat.postEphemeral").get(0).field("text")).startsWith("Recorded: scope done");
        assertThat(store.find(INC_1).orElseThrow().runbooks().get("platform-node-unresponsive").settled("scope")).isTrue();

        post(buttonClick("sitrep.run.0", "declare \"forged through a button\"", "C0INC1", trigger()));
        awaitIdle(); // everything the app will do with these requests is done
        assertThat(store.find(new IncidentId(2))).isEmpty();
    }

    @Test
    void aButtonPressedOnAFinishedStepAnswersWithTheReasonAndChangesNothing() throws Exception {
        post(slashCommand("declare \"Checkout errors\""));
        await().atMost(WAIT).until(() -> !slack.posts("C0STAKE").isEmpty());
        long version = store.find(INC_1).orElseThrow().version();
        slack.reset();

        post(buttonClick("sitrep.card.accept", "INC-1", "C0INC1", trigger()));

        await().atMost(WAIT).until(() -> !slack.calls("chat.postEphemeral").isEmpty());
        assertThat(slack.calls("chat.postEphemeral").get(0).field("text")).startsWith("✗ ").contains("Legal now");
        assertThat(store.find(INC_1).orElseThrow().version()).isEqualTo(version);
    }
}
