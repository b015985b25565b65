package io.sitrep.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.Role;
import io.sitrep.integrations.chat.slack.FakeSlackApi.Call;

/**
 * Roles on Slack are people, by id: a typed {@code @bob} arrives as {@code <@U0BOB|bob>} and is
 * kept as {@code <@U0BOB>}; someone without the role is refused privately, by command or button,
 * and nothing changes.
 */
class SlackPermissionsTest extends SlackAppTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final IncidentId INC_1 = new IncidentId(1);

    @Test
    void aCommandFromSomeoneWithoutTheRoleIsRefusedPrivatelyAndChangesNothing() throws Exception {
        post(slashCommand("declare \"Checkout errors\""));
        await().atMost(WAIT).until(() -> !slack.posts("C0STAKE").isEmpty());
        Incident before = store.find(INC_1).orElseThrow();

        actAs("U0BOB", "bob");
        String trigger = trigger();
        assertThat(post(slashCommand("cancel INC-1 \"false alarm\"", OPS_CHANNEL, trigger)).statusCode()).isEqualTo(200);

        await().atMost(WAIT).until(() -> !slack.calls("/respond/" + trigger).isEmpty());
        Call answer = slack.calls("/respond/" + trigger).get(0);
        assertThat(answer.json(null).path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(answer.json(null).path("text").asText())
                .isEqualTo("✗ Only the commander (<@U0ALICE>) or an admin may cancel INC-1.");
        assertThat(store.find(INC_1).orElseThrow()).isEqualTo(before);
    }

    @Test
    void aButtonIsThePressersCommandAndObeysTheSamePolicy() throws Exception {
        post(slashCommand("declare \"Checkout errors\""));
        await().atMost(WAIT).until(() -> !slack.posts("C0STAKE").isEmpty());

        actAs("U0BOB", "bob");
        slack.reset();
        post(viewSubmission("sitrep.card-action", "V0RESOLVE", "INC-1|resolved|C0INC1", Map.of("text", "Restarted")));

        await().atMost(WAIT).until(() -> !slack.calls("chat.postEphemeral").isEmpty());
        assertThat(slack.calls("chat.postEphemeral").get(0).field("text"))
                .contains("Only the commander (<@U0ALICE>) or an admin may resolve INC-1.");
        assertThat(store.find(INC_1).orElseThrow().state()).isEqualTo(IncidentState.INVESTIGATING);
    }

    @Test
    void assignTakesTheSlackUserByIdShowsTheMentionOnTheCardAndHandsOverTheRole() throws Exception {
        post(slashCommand("declare \"Checkout errors\""));
        await().atMost(WAIT).until(() -> !slack.posts("C0STAKE").isEmpty());

        // Slack writes a typed @bob as <@U0BOB|bob> (the command is escaped).
        post(slashCommand("assign INC-1 commander <@U0BOB|bob>"));

        await().atMost(WAIT).until(() -> "<@U0BOB>".equals(store.find(INC_1).orElseThrow().roles().get(Role.COMMANDER)));
        await().atMost(WAIT).until(() -> slack.calls("chat.update").stream().anyMatch(update ->
                SlackIncidentChannelTest.fieldTexts(update.json("blocks")).contains("*Commander*\n<@U0BOB>")));

        actAs("U0BOB", "bob");
        String trigger = trigger();
        post(slashCommand("cancel INC-1 \"false alarm\"", OPS_CHANNEL, trigger));
        await().atMost(WAIT).until(() -> store.find(INC_1).orElseThrow().state() == IncidentState.CANCELLED);
    }
}
