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
 * A delivery given up on after {@code give-up-after} of failures tells the page receipts of each
 * notification of its lane it still owed — so the page escalates rather than waiting on a
 * notification that never went out — and of nothing else.
 */
@Timeout(30)
class GivenUpPagesTest {

    private RedisConnection connection;
    private DurableOutbox outbox;
    private final List<String> failed = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        TestRedis.flushed();
        connection = RedisConnection.open(TestRedis.server().url() + "/1");
        outbox = new DurableOutbox(new RedisDeliveryQueue(connection), List.of(new AlwaysDown()), Clock.systemUTC(),
                new DeliverySettings(1, Duration.ofSeconds(30), Duration.ofMillis(200), Duration.ofMillis(500),
                        Duration.ofSeconds(1)), DeliveryWorkers.Listener.NONE);
        outbox.workers().reportGivenUpPagesTo(new PageReceipts() {
            @Override
            public void sent(IncidentId incident, PageMark page, Audience to) {
                throw new AssertionError("nothing was sent");
            }

            @Override
            public void failed(IncidentId incident, PageMark page, Audience to, String why) {
                failed.add(incident + " " + page.person() + " " + ((Audience.Pager) to).method() + ": " + why);
            }
        });
        outbox.workers().start();
    }

    @AfterEach
    void stop() {
        outbox.workers().close();
        connection.close();
    }

    @Test
    void aGivenUpNotificationIsToldAsFailed() {
        outbox.send(Delivery.fromWatcher(Watcher.PAGER, new IncidentId(7), List.of(
                message("webhook", PageMark.Kind.NOTIFY, "ant"),
                message("pagerduty", PageMark.Kind.NOTIFY, "ant"),
                message("webhook", PageMark.Kind.HANDLED, "bea")), false));

        await().atMost(Duration.ofSeconds(10)).until(() -> !failed.isEmpty());
        assertThat(failed).singleElement().satisfies(f -> assertThat(f).startsWith("INC-7 ant webhook: gave up after"));
    }

    private static DeliveryMessage message(String method, PageMark.Kind kind, String person) {
        return new DeliveryMessage(new Audience.Pager(method, "https://pager.example/" + person), "paged", List.of(),
                new PageMark("P1", kind, person, 0));
    }

    /** A paging method whose receiver never answers. */
    private static final class AlwaysDown implements ChatGateway {
        @Override
        public DeliveryResult deliver(Delivery delivery, DeliverySteps steps) {
            return new DeliveryResult.Postponed(null, "receiver down");
        }

        @Override
        public String platform() {
            return "webhook";
        }

        @Override
        public boolean chat() {
            return false;
        }
    }
}
