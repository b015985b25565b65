package io.sitrep.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.ReminderPlan;
import io.sitrep.integrations.chat.Actor;
import io.sitrep.integrations.chat.ChannelRef;
import io.sitrep.integrations.chat.ChatCommand;
import io.sitrep.integrations.chat.ChatMessage;
import io.sitrep.integrations.chat.CommandOutcome;
import io.sitrep.integrations.chat.slack.FakeSlackApi.Call;

/** Reminders and escalations of a Slack incident reach its channel with one-click answers, and the escalation channel. */
class SlackReminderTest extends SlackAppTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final IncidentId INC_1 = new IncidentId(1);

    @Test
    void aReminderOffersPostUpdateAndSnoozeAndTheSnoozeButtonSnoozes() throws Exception {
        post(slashCommand("declare \"Checkout errors\""));
        await().atMost(WAIT).until(() -> !slack.posts("C0STAKE").isEmpty());
        Incident incident = store.find(INC_1).orElseThrow();
        slack.reset();

        // What the reminder scheduler hands the gateways when the update falls due.
        ChannelRef room = new ChannelRef("reminder", incident.channel());
        gateway.deliver(new ChatCommand("reminder", new Actor("sitrep"), room), CommandOutcome.success("INC-1",
                List.of(new ChatMessage(room, "⏰ Stakeholder update due for INC-1 <Checkout errors>")), null));

        await().atMost(WAIT).until(() -> !slack.posts("C0INC1").isEmpty());
        Call reminder = slack.posts("C0INC1").get(0);
        assertThat(reminder.field("text")).contains("&lt;Checkout errors&gt;");
        assertThat(reminder.json("blocks").findValuesAsText("action_id"))
                .containsExactly("sitrep.card.update", "sitrep.reminder.snooze");

        post(buttonClick("sitrep.reminder.snooze", "INC-1", "C0INC1", trigger()));

        await().atMost(WAIT).until(() -> !slack.calls("chat.postEphemeral").isEmpty());
        assertThat(slack.calls("chat.postEphemeral").get(0).field("text")).contains("No reminder for INC-1 before");
        assertThat(ReminderPlan.activeSnooze(store.find(INC_1).orElseThrow())).isNotNull();
    }

    @Test
    void anEscalationAlsoGoesToTheEscalationChannel() throws Exception {
        post(slashCommand("declare \"Checkout errors\""));
        await().atMost(WAIT).until(() -> !slack.posts("C0STAKE").isEmpty());
        Incident incident = store.find(INC_1).orElseThrow();
        slack.reset();

        ChannelRef room = new ChannelRef("reminder", incident.channel());
        String text = "🚨 ESCALATION: INC-1 Checkout errors is overdue for a stakeholder update.";
        gateway.deliver(new ChatCommand("escalation", new Actor("sitrep"), room), CommandOutcome.success("INC-1",
                List.of(new ChatMessage(room, text), new ChatMessage(room.sibling("C0ESCALATE"), text)), null));

        await().atMost(WAIT).until(() -> !slack.posts("C0ESCALATE").isEmpty() && !slack.posts("C0INC1").isEmpty());
        assertThat(slack.posts("C0ESCALATE").get(0).field("text")).startsWith("🚨 ESCALATION: INC-1");
    }
}
