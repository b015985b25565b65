package io.sitrep.bot.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;

import io.sitrep.bot.TestSmtp;
import io.sitrep.bot.command.MutableClock;
import io.sitrep.bot.maintenance.MaintenanceClock;
import io.sitrep.bot.maintenance.MaintenanceDesk;
import io.sitrep.bot.maintenance.MaintenancePosts;
import io.sitrep.bot.maintenance.MaintenanceState;
import io.sitrep.bot.maintenance.MaintenanceStore;
import io.sitrep.bot.paging.ScriptedReceiver;
import io.sitrep.bot.paging.VerifyingWebhookReceiver;
import io.sitrep.bot.status.subscribers.FanoutWorkers;
import io.sitrep.bot.status.subscribers.MaintenanceMail;
import io.sitrep.bot.status.subscribers.SubscriberLinks;
import io.sitrep.bot.status.subscribers.SubscriberMail;
import io.sitrep.bot.status.webhook.FanOutWorker;
import io.sitrep.bot.status.webhook.MaintenanceWebhooks;
import io.sitrep.bot.status.webhook.StatusWebhooks;
import io.sitrep.bot.status.webhook.SubscriberFanOut;
import io.sitrep.bot.status.webhook.Subscribers;
import io.sitrep.config.PublicUrlSettings;
import io.sitrep.config.StatusSettings;
import io.sitrep.config.StatusWebhookSettings;
import io.sitrep.config.SubscriberSettings;
import io.sitrep.integrations.redis.RedisConnection;
import io.sitrep.integrations.redis.RedisMaintenance;
import io.sitrep.integrations.redis.RedisStatusWebhooks;
import io.sitrep.integrations.redis.RedisSubscribers;
import io.sitrep.integrations.redis.TestRedis;

/**
 * A maintenance window's posts reach the status page's subscribers, with real parts: Redis, an
 * SMTP server, a webhook receiver that checks signatures, and replicas as they run — one that
 * dies right after scheduling the window (before anyone heard of it), one that dies after its
 * listeners made the start's fan-out but before it recorded so, and two clock loops that move
 * the window on a clock the test moves. Each confirmed mail subscriber and each webhook
 * subscriber of the window's component hears of each post once; no one else hears of any.
 */
class MaintenanceSubscribersTest {

    private static final int DATABASE = 18;
    private static final String SECRET = "whsec_" + java.util.Base64.getEncoder()
            .encodeToString("maintenance-subscribers-secret!!".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final Instant FROM = Instant.parse("2026-12-08T02:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-08T04:00:00Z");
    private static final StatusSettings STATUS = new StatusSettings("Example status", List.of(
            new StatusSettings.Component("ConnectMe", "connectme", null),
            new StatusSettings.Component("Payments", "payments", null)));
    private static final PublicUrlSettings URL = new PublicUrlSettings(URI.create("https://status.example.com"));
    private static final List<String> READERS = List.of("c0@example.com", "c1@example.com", "c2@example.com",
            "c3@example.com", "all0@example.com", "all1@example.com");

    private final MutableClock clock = MutableClock.at(NOW);
    private final VerifyingWebhookReceiver checks = new VerifyingWebhookReceiver(SECRET);
    private final ScriptedReceiver receiver = new ScriptedReceiver(checks);
    private final List<AutoCloseable> running = new ArrayList<>();
    private final List<RedisConnection> connections = new ArrayList<>();
    private GreenMail smtp;
    private JavaMailSenderImpl sender;

    @BeforeEach
    void subscribers() {
        RedisConnection redis = connection();
        redis.jedis().flushDB();
        int port = TestSmtp.freePort();
        smtp = TestSmtp.start(port);
        sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);

        RedisSubscribers mail = new RedisSubscribers(redis);
        Instant now = Instant.now();
        for (int i = 0; i < 4; i++) {
            mail.confirm(mail.subscribe("c" + i, "c" + i + "@example.com", List.of("ConnectMe"), now,
                    Duration.ofHours(1)).id());
        }
        for (int i = 0; i < 2; i++) {
            mail.confirm(mail.subscribe("all" + i, "all" + i + "@example.com", List.of(), now, Duration.ofHours(1)).id());
        }
        mail.confirm(mail.subscribe("pay", "payments@example.com", List.of("Payments"), now, Duration.ofHours(1)).id());
        mail.subscribe("late", "unconfirmed@example.com", List.of("ConnectMe"), now, Duration.ofHours(1));

        RedisStatusWebhooks hooks = new RedisStatusWebhooks(redis);
        hooks.add(new RedisStatusWebhooks.Webhook("wh_connectme", receiver.url("/hooks/connectme"), SECRET,
                List.of("ConnectMe"), now));
        hooks.add(new RedisStatusWebhooks.Webhook("wh_all", receiver.url("/hooks/all"), SECRET, List.of(), now));
        hooks.add(new RedisStatusWebhooks.Webhook("wh_payments", receiver.url("/hooks/payments"), SECRET,
                List.of("Payments"), now));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable one : running) {
            one.close();
        }
        receiver.close();
        smtp.stop();
        connections.forEach(RedisConnection::close);
    }

    @Test
    void eachPostReachesEachSubscriberOfItsComponentOnceAcrossCrashesAndReplicas() throws Exception {
        MaintenanceDesk diesAfterWriting = replica(posts -> (id, window, post) -> {
            throw new IllegalStateException("the replica died right after its write");
        });
        diesAfterWriting.schedule("Database upgrade", "connectme", null, FROM, TO, "alice");

        clock.set(FROM.plusSeconds(1));
        MaintenanceDesk diesAfterTelling = replica(posts -> (id, window, post) -> {
            posts.posted(id, window, post);
            throw new IllegalStateException("the replica died before it recorded the post told");
        });
        assertThat(new MaintenanceClock(diesAfterTelling).runDue()).as("the start, written").isEqualTo(1);

        clock.set(TO.plusSeconds(1));
        MaintenanceClock one = loop(replica(posts -> posts));
        MaintenanceClock two = loop(replica(posts -> posts));
        one.start(Duration.ofMillis(50));
        two.start(Duration.ofMillis(50));

        MaintenanceStore store = diesAfterWriting.store();
        await().atMost(Duration.ofSeconds(40)).until(() -> store.find("MNT-1").orElseThrow().state()
                == MaintenanceState.COMPLETED && store.claimPosts(clock.instant(), 10, Duration.ZERO).isEmpty()
                && smtp.getReceivedMessages().length >= READERS.size() * 3 && receiver.taken().size() >= 6);
        Thread.sleep(1500); // anything sent twice would arrive now

        Map<String, List<String>> mails = mailsByReader();
        assertThat(mails).containsOnlyKeys(READERS);
        mails.values().forEach(subjects -> assertThat(subjects).containsExactlyInAnyOrder(
                "Scheduled maintenance: Database upgrade", "Maintenance in progress: Database upgrade",
                "Maintenance completed: Database upgrade"));

        Map<String, List<String>> hooks = receiver.taken().stream().collect(Collectors.groupingBy(
                ScriptedReceiver.Request::path, Collectors.mapping(r -> r.json().path("type").asText(),
                        Collectors.toList())));
        assertThat(hooks).containsOnlyKeys("/hooks/connectme", "/hooks/all");
        hooks.values().forEach(types -> assertThat(types).containsExactlyInAnyOrder("maintenance.scheduled",
                "maintenance.started", "maintenance.completed"));
        assertThat(checks.problems()).as("every post signed").isEmpty();
        assertThat(checks.repeats()).as("none sent twice").isEmpty();
        assertThat(receiver.requests()).hasSize(6);

        assertThat(replica(posts -> posts).tellPosts()).as("a replica started now finds nothing owed").isZero();
    }

    @Test
    void aMaintenanceMailAndPayloadSayWhatThePageSays() throws Exception {
        MaintenanceDesk desk = replica(posts -> posts);
        desk.schedule("Database upgrade", "connectme", null, FROM, TO, "alice");
        desk.cancel("MNT-1", "moved to next week", "alice");
        await().atMost(Duration.ofSeconds(30)).until(() -> smtp.getReceivedMessages().length >= READERS.size() * 2
                && receiver.taken().size() >= 4);

        MimeMessage cancelled = Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> subject(m).startsWith("Maintenance cancelled")).findFirst().orElseThrow();
        assertThat(cancelled.getSubject()).isEqualTo("Maintenance cancelled: Database upgrade");
        assertThat(cancelled.getHeader("List-Unsubscribe", null)).startsWith("<https://status.example.com/status/"
                + "subscriptions/unsubscribe?token=");
        assertThat(cancelled.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(cancelled.getMessageID()).matches("<MNT-1\\.1\\.\\w+\\.status@example\\.com>");
        String body = GreenMailUtil.getBody(cancelled);
        assertThat(body).contains("moved to next week")
                .contains("Window: Dec 8, 2026 02:00").contains("04:00 UTC")
                .contains("Posted Dec 07, 2026 - 12:00 UTC").contains("Affects: ConnectMe")
                .contains("https://status.example.com/status#MNT-1");

        ScriptedReceiver.Request hook = receiver.taken().stream()
                .filter(r -> r.json().path("type").asText().equals("maintenance.cancelled")).findFirst().orElseThrow();
        var maintenance = hook.json().path("maintenance");
        assertThat(maintenance.path("id").asText()).isEqualTo("MNT-1");
        assertThat(maintenance.path("title").asText()).isEqualTo("Database upgrade");
        assertThat(maintenance.path("components").toString()).isEqualTo("[\"ConnectMe\"]");
        assertThat(maintenance.path("from").asText()).isEqualTo("2026-12-08T02:00:00Z");
        assertThat(maintenance.path("to").asText()).isEqualTo("2026-12-08T04:00:00Z");
        assertThat(maintenance.path("status").asText()).isEqualTo("Cancelled");
        assertThat(maintenance.path("url").asText()).isEqualTo("https://status.example.com/status#MNT-1");
        assertThat(hook.json().path("post").path("text").asText()).startsWith("Maintenance cancelled: ");
    }

    /** A replica: its own connection, desk and workers; {@code listeners} wraps the real listeners. */
    private MaintenanceDesk replica(java.util.function.UnaryOperator<MaintenancePosts> listeners) {
        RedisConnection redis = connection();
        RedisSubscribers mail = new RedisSubscribers(redis);
        FanoutWorkers mailWorkers = new FanoutWorkers(mail, sender, new SubscriberMail(sender,
                new SubscriberLinks(mail::secret, URL::link), "status@example.com", STATUS.title()),
                new SubscriberSettings(400, 10, 3, Duration.ofHours(48), Duration.ofMinutes(2), 10), Clock.systemUTC());
        RedisStatusWebhooks webhooks = new RedisStatusWebhooks(redis);
        Subscribers subscribers = new Subscribers(webhooks);
        FanOutWorker hookWorker = StatusWebhooks.worker(webhooks, subscribers,
                new StatusWebhookSettings(Duration.ofHours(24), Duration.ofSeconds(1)), delivery -> { }, null, "",
                Duration.ofMillis(200), Clock.systemUTC());
        running.add(mailWorkers);
        running.add(hookWorker);
        mailWorkers.start();
        hookWorker.start();
        SubscriberFanOut fanOut = new SubscriberFanOut(webhooks, null, STATUS, URL, Clock.systemUTC(), hookWorker::wake);
        MaintenancePosts real = MaintenancePosts.all(List.of(new MaintenanceMail(mail, STATUS, mailWorkers::wake),
                new MaintenanceWebhooks(fanOut, subscribers, STATUS, URL)));
        MaintenanceDesk desk = new MaintenanceDesk(new MaintenanceStore(new RedisMaintenance(redis)), clock);
        desk.postTo(listeners.apply(real));
        return desk;
    }

    private MaintenanceClock loop(MaintenanceDesk desk) {
        MaintenanceClock loop = new MaintenanceClock(desk);
        running.add(loop);
        return loop;
    }

    private RedisConnection connection() {
        RedisConnection redis = RedisConnection.open(TestRedis.server().url() + "/" + DATABASE);
        connections.add(redis);
        return redis;
    }

    private Map<String, List<String>> mailsByReader() throws MessagingException {
        return Arrays.stream(smtp.getReceivedMessages()).collect(Collectors.groupingBy(
                MaintenanceSubscribersTest::recipient, Collectors.mapping(MaintenanceSubscribersTest::subject,
                        Collectors.toList())));
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
