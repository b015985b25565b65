package io.sitrep.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.sitrep.bot.notice.TriageDeclarer;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.ReminderPlan;
import io.sitrep.incident.Watcher;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.Delivery;
import io.sitrep.integrations.chat.DeliverySteps;
import io.sitrep.integrations.chat.discord.FakeDiscord.Call;

/** Runbook steps and reminders with their one-click answers, and incidents Sitrep's watchers open. */
class DiscordButtonsTest extends DiscordAppTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final IncidentId INC_1 = new IncidentId(1);

    @Autowired
    TriageDeclarer triage;

    @Test
    void runbookStepsCanBeRecordedWithButtonsAndOnlyRunbookCommandsRun() {
        reply(discord.slash("alice", GENERAL, null, "declare", "title", "Login node unresponsive"));
        String channel = channelOf("inc-1-login-node-unresponsive");

        reply(discord.slash("alice", channel, "runbook", "start", "runbook", "platform-node-unresponsive"));

        await().atMost(WAIT).until(() -> discord.posts(channel).stream().anyMatch(this::startsRunbook));
        Call step = discord.posts(channel).stream().filter(this::startsRunbook).findFirst().orElseThrow();
        List<String> buttons = DiscordLifecycleTest.buttons(step.json());
        assertThat(buttons).containsExactly(
                "sitrep.run:runbook INC-1 step 1 done --runbook platform-node-unresponsive",
                "sitrep.run:runbook INC-1 step 1 skip --runbook platform-node-unresponsive",
                "sitrep.run:runbook INC-1 step 1 fail --runbook platform-node-unresponsive");

        reply(discord.slash("alice", channel, null, "assign", "role", "responder", "user", "bob"));
        String answer = reply(discord.click("bob", channel, "1", buttons.get(0)));
        assertThat(answer).startsWith("Recorded: scope done");
        assertThat(store.find(INC_1).orElseThrow().runbooks().get("platform-node-unresponsive").settled("scope")).isTrue();

        var forged = discord.click("bob", channel, "1", "sitrep.run:declare \"forged through a button\"");
        await().atMost(WAIT).until(() -> !discord.callbacks(forged.id()).isEmpty());
        var refusal = discord.callbacks(forged.id()).get(0).json();
        assertThat(refusal.path("type").asInt()).as("answered at once").isEqualTo(4);
        assertThat(refusal.path("data").path("content").asText()).isEqualTo("✗ This button can't run that.");
        assertThat(refusal.path("data").path("flags").asInt() & 64).isEqualTo(64);
        awaitIdle();
        assertThat(store.find(new IncidentId(2))).isEmpty();
    }

    @Test
    void aReminderOffersPostUpdateAndSnoozeAndTheSnoozeButtonSnoozes() {
        reply(discord.slash("alice", GENERAL, null, "declare", "title", "Checkout <errors>"));
        String channel = channelOf("inc-1-checkout-errors");
        awaitIdle();
        Incident incident = store.find(INC_1).orElseThrow();

        // What the reminder scheduler hands the gateways when the update falls due.
        gateway.deliver(Delivery.fromWatcher(Watcher.REMINDER, incident.id(), List.of(new DeliveryMessage(Audience.ROOM,
                "⏰ Stakeholder update due for INC-1 *Checkout <errors>*")), false), DeliverySteps.inMemory());

        await().atMost(WAIT).until(() -> discord.posts(channel).size() == 2);
        Call reminder = discord.posts(channel).get(1);
        assertThat(reminder.json().path("content").asText()).contains("\\*Checkout \\<errors>\\*");
        assertThat(DiscordLifecycleTest.buttons(reminder.json()))
                .containsExactly("sitrep.card:update:INC-1", "sitrep.snooze:INC-1");

        String answer = reply(discord.click("alice", channel, "1", "sitrep.snooze:INC-1"));

        assertThat(answer).contains("No reminder for INC-1 before");
        assertThat(ReminderPlan.activeSnooze(store.find(INC_1).orElseThrow())).isNotNull();
    }

    @Test
    void anIncidentTheHealthWatchOpensGetsAChannelOnEveryPlatform() {
        triage.declare(Watcher.HEALTH, "login-eu is DOWN: connection refused", "connectme", "platform-node-7",
                Map.of("target", "login-eu"), Instant.now());

        String channel = channelOf("inc-1-login-eu-is-down-connection-refused");
        await().atMost(WAIT).until(() -> !discord.calls("PUT", "channels/" + channel + "/messages/pins/.*").isEmpty()
                && !slack.calls("pins.add").isEmpty());
        assertThat(DiscordLifecycleTest.buttons(discord.posts(channel).get(0).json())).contains("sitrep.card:accept:INC-1");
        assertThat(slack.calls("conversations.create")).singleElement()
                .satisfies(c -> assertThat(c.field("name")).isEqualTo("inc-1-login-eu-is-down-connection-refused"));
    }

    private boolean startsRunbook(Call post) {
        return post.json().path("content").asText().contains("started runbook");
    }
}
