package io.sitrep.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.ReminderPlan;
import io.sitrep.incident.Watcher;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.Delivery;
import io.sitrep.integrations.chat.DeliverySteps;
import io.sitrep.integrations.chat.slack.FakeSlackApi.Call;

/**
 * What Sitrep's own watchers say on Slack: reminders with one-click answers, escalations to the
 * escalation channel, and incidents the health watch opens, each with its channel.
 */
class SlackReminderTest extends SlackAppTest {

    @org.springframework.beans.factory.annotation.Autowired
    io.sitrep.bot.notice.TriageDeclarer triage;

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final IncidentId INC_1 = new IncidentId(1);

    @Test
    void aReminderOffersPostUpdateAndSnoozeAndTheSnoozeButtonSnoozes() throws Exception {
        post(slashCommand("declare \"Checkout errors\""));
        await().atMost(WAIT).until(() -> !slack.posts("C0STAKE").isEmpty());
        Incident incident = store.find(INC_1).orElseThrow();
        slack.reset();

        // What the reminder scheduler hands the gateways when the update falls due.
        gateway.deliver(Delivery.fromWatcher(Watcher.REMINDER, incident.id(), List.of(new DeliveryMessage(Audience.ROOM,
                "⏰ Stakeholder update due for INC-1 <Checkout errors>")), false), DeliverySteps.inMemory());

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
    void anIncidentTheHealthWatchOpensGetsItsOwnChannelAndCard() throws Exception {
        triage.declare(Watcher.HEALTH, "login-eu is DOWN: connection refused", "connectme", "platform-node-7",
                java.util.Map.of("target", "login-eu"), java.time.Instant.now());

        await().atMost(WAIT).until(() -> !slack.calls("pins.add").isEmpty() && !slack.calls("conversations.setTopic").isEmpty());
        assertThat(slack.calls("conversations.create")).singleElement()
                .satisfies(c -> assertThat(c.field("name")).isEqualTo("inc-1-login-eu-is-down-connection-refused"));
        assertThat(slack.calls("conversations.invite")).as("nobody declared it").isEmpty();
        assertThat(slack.calls("conversations.setTopic").get(0).field("topic")).startsWith("Triage · SEV3 · commander unassigned");
        assertThat(SlackIncidentChannelTest.buttons(slack.posts("C0INC1").get(0).json("blocks"))).contains("sitrep.card.accept");
    }

    @Test
    void anEscalationAlsoGoesToTheEscalationChannel() throws Exception {
        post(slashCommand("declare \"Checkout errors\""));
        await().atMost(WAIT).until(() -> !slack.posts("C0STAKE").isEmpty());
        Incident incident = store.find(INC_1).orElseThrow();
        slack.reset();

        String text = "🚨 ESCALATION: INC-1 Checkout errors is overdue for a stakeholder update.";
        gateway.deliver(Delivery.fromWatcher(Watcher.REMINDER, incident.id(), List.of(new DeliveryMessage(Audience.ROOM, text),
                new DeliveryMessage(Audience.ESCALATION, text)), false), DeliverySteps.inMemory());

        await().atMost(WAIT).until(() -> !slack.posts("C0ESCALATE").isEmpty() && !slack.posts("C0INC1").isEmpty());
        assertThat(slack.posts("C0ESCALATE").get(0).field("text")).startsWith("🚨 ESCALATION: INC-1");
    }
}
