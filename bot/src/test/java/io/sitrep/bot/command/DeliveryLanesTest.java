package io.sitrep.bot.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.sitrep.bot.EveryCommand;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.sitrep.bot.delivery.DeliveryWorkers;
import io.sitrep.bot.delivery.DurableOutbox;
import io.sitrep.bot.notice.Notices;
import io.sitrep.bot.notice.TriageDeclarer;
import io.sitrep.config.DeliverySettings;
import io.sitrep.config.ReminderSettings;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentChange;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.Platform;
import io.sitrep.incident.Severity;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.UpdateSchedule;
import io.sitrep.incident.Watcher;
import io.sitrep.incident.lifecycle.SpringStatemachineLifecycle;
import io.sitrep.integrations.chat.Actor;
import io.sitrep.integrations.chat.ChannelRef;
import io.sitrep.integrations.chat.ChatCommand;
import io.sitrep.integrations.chat.ChatGateway;
import io.sitrep.integrations.chat.DeliveryQueue.Owed;
import io.sitrep.integrations.chat.DeliveryResult;
import io.sitrep.integrations.redis.RedisConnection;
import io.sitrep.integrations.redis.RedisDeliveryQueue;
import io.sitrep.integrations.redis.RedisIncidentStore;
import io.sitrep.integrations.redis.TestRedis;

/**
 * With Slack and Discord both configured, each change is queued only on the lanes that have work:
 * those of the platforms its incident lives on, recorded at declaration.
 */
class DeliveryLanesTest {

    private static final List<String> BOTH = List.of("slack", "discord");
    private static final IncidentId INC_1 = new IncidentId(1);

    private final Clock clock = Clock.fixed(Instant.parse("2026-02-26T09:00:00Z"), ZoneOffset.UTC);
    private RedisIncidentStore store;
    private RedisDeliveryQueue queue;
    private DurableOutbox outbox;
    private CommandContext context;
    private CommandDispatcher dispatcher;

    @BeforeEach
    void setUp() {
        RedisConnection redis = TestRedis.flushed();
        store = new RedisIncidentStore(redis);
        queue = new RedisDeliveryQueue(redis);
        // Workers never started: what is queued stays in its lanes to be looked at.
        outbox = new DurableOutbox(queue, List.of(idle("slack"), idle("discord")), clock, DeliverySettings.defaults(),
                DeliveryWorkers.Listener.NONE);
        context = TestDispatchers.context(store, clock);
        dispatcher = new CommandDispatcher(context, EveryCommand.all(), outbox);
    }

    @Test
    void aSlackIncidentsChangesAreQueuedOnSlacksLaneOnly() {
        run("slack", "declare \"Checkout errors\"");
        run("slack", "update INC-1 \"Rolling back\"");

        assertThat(store.find(INC_1).orElseThrow().platforms()).containsExactly(Platform.SLACK);
        assertThat(queue.owed(INC_1, BOTH)).extracting(Owed::platform, Owed::deliveries)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("slack", 2));
    }

    @Test
    void anIncidentDeclaredOutsideChatLivesOnNoLaneButACommandFromSlackTellsSlacksStakeholders() {
        run("http", "declare \"Checkout errors\"");
        assertThat(store.find(INC_1).orElseThrow().platforms()).containsExactly(Platform.API);
        assertThat(queue.owed(INC_1, BOTH)).isEmpty();

        run("slack", "update INC-1 \"Rolling back\"");
        assertThat(queue.owed(INC_1, BOTH)).extracting(Owed::platform).containsExactly("slack");
    }

    @Test
    void anIncidentAWatcherOpensLivesOnEveryChatPlatform() {
        Notices notices = new Notices(outbox);
        new TriageDeclarer(context.writer(), new SpringStatemachineLifecycle(),
                new UpdateSchedule(ReminderSettings.defaults()), notices)
                .declare(Watcher.HEALTH, "login-eu is DOWN", "login", null, Map.of(), clock.instant());

        assertThat(store.find(INC_1).orElseThrow().platforms()).containsExactlyInAnyOrder(Platform.SLACK, Platform.DISCORD);
        assertThat(queue.owed(INC_1, BOTH)).extracting(Owed::platform).containsExactly("slack", "discord");
    }

    @Test
    void anIncidentStoredBeforePlatformsWereRecordedIsQueuedOnEveryLaneAsBefore() {
        Instant now = clock.instant();
        context.writer().declare(id -> new IncidentChange(Incident.builder(id, IncidentState.INVESTIGATING, Severity.SEV2, now)
                .title("Checkout errors").channel("inc-1-checkout-errors").declaredBy("alice").detectedAt(now)
                .build(), new TimelineEntry(now, now, TimelineKind.DECLARED, "alice",
                "slack", "Checkout errors", Map.of())));
        assertThat(store.find(INC_1).orElseThrow().platforms()).isNull();

        run("discord", "note INC-1 \"looking\"");
        assertThat(queue.owed(INC_1, BOTH)).extracting(Owed::platform).containsExactly("slack", "discord");
    }

    private void run(String platform, String line) {
        assertThat(dispatcher.handle(new ChatCommand(line, new Actor("alice"), new ChannelRef(platform, "C0OPS"))).ok())
                .as(line).isTrue();
    }

    private static ChatGateway idle(String platform) {
        return new ChatGateway() {
            @Override
            public DeliveryResult deliver(io.sitrep.integrations.chat.Delivery delivery,
                                          io.sitrep.integrations.chat.DeliverySteps steps) {
                return DeliveryResult.delivered();
            }

            @Override
            public String platform() {
                return platform;
            }
        };
    }
}
