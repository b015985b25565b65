package io.sitrep.bot.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.sitrep.config.DeliverySettings;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.Platform;
import io.sitrep.incident.Watcher;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.ChatGateway;
import io.sitrep.integrations.chat.Delivery;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.DeliveryResult;
import io.sitrep.integrations.chat.DeliverySteps;
import io.sitrep.integrations.chat.PageMark;
import io.sitrep.integrations.chat.PageReceipts;
import io.sitrep.integrations.redis.RedisConnection;
import io.sitrep.integrations.redis.RedisDeliveryQueue;
import io.sitrep.integrations.redis.TestRedis;

/**
 * A delivery the platform keeps postponing is given up after the retry window; each page
 * notification it still owed on that lane is reported as failed, so its page escalates rather
 * than waiting for a message that will never arrive.
 */
@Timeout(60)
class DeliveryGiveUpTest {

    private RedisConnection connection;
    private DurableOutbox outbox;

    @BeforeEach
    void emptyRedis() {
        TestRedis.flushed();
        connection = RedisConnection.open(TestRedis.server().url() + "/1");
    }

    @AfterEach
    void stop() {
        outbox.workers().close();
        connection.close();
    }

    @Test
    void aNotificationGivenUpOnIsReportedAsFailed() {
        List<String> told = new CopyOnWriteArrayList<>();
        PageReceipts receipts = new PageReceipts() {
            @Override
            public void sent(IncidentId incident, PageMark page, Audience to) {
                told.add("sent " + page.person());
            }

            @Override
            public void failed(IncidentId incident, PageMark page, Audience to, String why) {
                told.add(incident + " " + page.page() + " " + page.person() + ": " + why);
            }
        };
        outbox = new DurableOutbox(new RedisDeliveryQueue(connection), List.of(new AlwaysDown()), Clock.systemUTC(),
                new DeliverySettings(1, Duration.ofSeconds(30), Duration.ofMillis(200), Duration.ofMillis(100),
                        Duration.ofSeconds(1)), DeliveryWorkers.Listener.NONE);
        outbox.workers().receiptsTo(receipts);
        outbox.workers().start();
        PageMark bob = new PageMark("P1", PageMark.Kind.NOTIFY, "bob", 0);

        outbox.send(Delivery.fromWatcher(Watcher.PAGER, new IncidentId(7), List.of(
                new DeliveryMessage(new Audience.Person(Platform.SLACK, "U0BOB"), "You are paged", List.of(), bob),
                new DeliveryMessage(new Audience.Person(Platform.DISCORD, "1234"), "You are paged", List.of(),
                        new PageMark("P1", PageMark.Kind.NOTIFY, "carol", 0)),
                new DeliveryMessage(new Audience.Person(Platform.SLACK, "U0DAVE"), "INC-7 is handled", List.of(),
                        new PageMark("P1", PageMark.Kind.HANDLED, "dave", 0))), false));

        await().atMost(Duration.ofSeconds(20)).until(() -> !told.isEmpty());
        assertThat(told).as("only the notification owed on the slack lane").singleElement().asString()
                .startsWith("INC-7 P1 bob: gave up after");
    }

    /** Slack down for good, as far as the workers can tell. */
    private static final class AlwaysDown implements ChatGateway {
        @Override
        public DeliveryResult deliver(Delivery delivery, DeliverySteps steps) {
            return new DeliveryResult.Postponed(Duration.ofMillis(100), "Slack: HTTP 503");
        }

        @Override
        public String platform() {
            return "slack";
        }
    }
}
