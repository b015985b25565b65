package io.sitrep.bot.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
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
 * A page's notification the workers give up on is a failure for good, told to the page
 * receipts (which escalate the page at once) — only the notifications of the lane given up,
 * and only those not out yet.
 */
@Timeout(30)
class GivenUpPagesTest {

    private RedisConnection connection;
    private DeliveryWorkers workers;

    @AfterEach
    void stop() {
        workers.close();
        connection.close();
    }

    @Test
    void aNotificationGivenUpOnIsReportedFailed() {
        TestRedis.flushed();
        connection = RedisConnection.open(TestRedis.server().url() + "/1");
        Recorded receipts = new Recorded();
        DurableOutbox outbox = new DurableOutbox(new RedisDeliveryQueue(connection), List.of(new DownMailServer()),
                Clock.systemUTC(), new DeliverySettings(1, Duration.ofSeconds(30), Duration.ofMillis(200),
                        Duration.ofMillis(100), Duration.ofMillis(500)), DeliveryWorkers.Listener.NONE);
        workers = outbox.workers();
        workers.receiptsTo(receipts);
        workers.start();
        PageMark notify = new PageMark("P1", PageMark.Kind.NOTIFY, "bea", 0);
        Audience mail = new Audience.Pager("email", "bea@example.com");

        outbox.send(Delivery.fromWatcher(Watcher.PAGER, new IncidentId(7), List.of(
                new DeliveryMessage(mail, "You are paged", List.of(), notify),
                new DeliveryMessage(new Audience.Person(Platform.SLACK, "U0BEA"), "You are paged", List.of(), notify),
                new DeliveryMessage(mail, "INC-7 is handled", List.of(),
                        new PageMark("P1", PageMark.Kind.HANDLED, "bea", 0))), false));

        await().atMost(Duration.ofSeconds(10)).until(() -> !receipts.failed.isEmpty());
        assertThat(receipts.failed).singleElement().satisfies(failed ->
                assertThat(failed).startsWith("INC-7 P1 bea Pager[method=email, address=bea@example.com]: gave up after"));
    }

    /** An SMTP server that never answers. */
    private static final class DownMailServer implements ChatGateway {
        @Override
        public DeliveryResult deliver(Delivery delivery, DeliverySteps steps) {
            return new DeliveryResult.Postponed(Duration.ofMillis(50), "Connection refused");
        }

        @Override
        public String platform() {
            return "email";
        }

        @Override
        public boolean chat() {
            return false;
        }
    }

    private static final class Recorded implements PageReceipts {
        final List<String> failed = new CopyOnWriteArrayList<>();

        @Override
        public void sent(IncidentId incident, PageMark page, Audience to) {
            throw new AssertionError("nothing was sent");
        }

        @Override
        public void failed(IncidentId incident, PageMark page, Audience to, String why) {
            failed.add(incident + " " + page.page() + " " + page.person() + " " + to + ": " + why);
        }
    }
}
