package io.sitrep.bot.status.subscribers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import com.icegreen.greenmail.util.GreenMail;

import io.sitrep.bot.TestSmtp;
import io.sitrep.config.SubscriberSettings;
import io.sitrep.integrations.redis.RedisConnection;
import io.sitrep.integrations.redis.RedisSubscribers;
import io.sitrep.integrations.redis.TestRedis;

/**
 * Fan-outs with real parts: Redis, a real SMTP server, and workers as replicas run them — two on
 * one fan-out, one stopped mid-job and another started, one that died holding a chunk.
 */
class FanoutWorkersTest {

    private static final int DATABASE = 15;
    private static final int RECIPIENTS = 120;
    private static final PublicPost POST = new PublicPost("INC-7", "ConnectMe login failures", "Identified",
            "We found the cause.", Instant.parse("2026-02-26T09:15:00Z"), List.of("ConnectMe"));

    private final Clock clock = Clock.systemUTC();
    private RedisConnection redis;
    private RedisSubscribers store;
    private GreenMail smtp;
    private JavaMailSenderImpl sender;
    private SubscriberMail mail;

    @BeforeEach
    void start() {
        redis = RedisConnection.open(TestRedis.server().url() + "/" + DATABASE);
        redis.jedis().flushDB();
        store = new RedisSubscribers(redis);
        int port = TestSmtp.freePort();
        smtp = TestSmtp.start(port);
        sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        mail = new SubscriberMail(sender, new SubscriberLinks(store::secret, path -> "https://status.example.com" + path),
                "status@example.com", "Example status");
        for (int i = 0; i < RECIPIENTS; i++) {
            String id = store.subscribe("s" + i, "reader" + i + "@example.com", i % 2 == 0 ? List.of("ConnectMe")
                    : List.of(), clock.instant(), Duration.ofHours(1)).id();
            store.confirm(id);
        }
        store.subscribe("late", "unconfirmed@example.com", List.of(), clock.instant(), Duration.ofHours(1));
        store.subscribe("other", "payments@example.com", List.of("Payments"), clock.instant(), Duration.ofHours(1));
        store.confirm("other");
    }

    @AfterEach
    void stop() {
        smtp.stop();
        redis.close();
    }

    @Test
    void twoReplicasFanOutOnePostOnce() throws Exception {
        store.startFanout("job-1.0", POST.json(), POST.components(), Duration.ofDays(1));
        assertThat(store.startFanout("job-1.0", POST.json(), POST.components(), Duration.ofDays(1)))
                .as("made once").isEqualTo(-1);
        try (FanoutWorkers one = workers(400, Duration.ofMinutes(2)); FanoutWorkers two = workers(400, Duration.ofMinutes(2))) {
            one.start();
            two.start();
            awaitAllSent();
        }
        assertEachOnce();
    }

    @Test
    void aWorkerStoppedMidJobLeavesTheRestToTheNextAndDoublesNone() throws Exception {
        store.startFanout("job-2.0", POST.json(), POST.components(), Duration.ofDays(1));
        try (FanoutWorkers first = workers(60, Duration.ofMinutes(2))) {
            first.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> smtp.getReceivedMessages().length >= 30);
        }
        int before = smtp.getReceivedMessages().length;
        assertThat(before).isLessThan(RECIPIENTS);
        try (FanoutWorkers second = workers(400, Duration.ofMinutes(2))) {
            second.start();
            awaitAllSent();
        }
        assertEachOnce();
    }

    @Test
    void aChunkHeldByADeadReplicaGoesToAnotherAfterItsLease() throws Exception {
        store.startFanout("job-3.0", POST.json(), POST.components(), Duration.ofDays(1));
        // A replica claims a chunk and dies before sending any of it.
        store.claim("job-3.0", clock.instant(), clock.instant().plusSeconds(2), 40);
        try (FanoutWorkers survivor = workers(400, Duration.ofMinutes(2))) {
            survivor.start();
            awaitAllSent();
        }
        assertEachOnce();
        assertThat(redis.jedis().smembers("sitrep:{subscribers}:jobs")).as("the job is over").isEmpty();
    }

    @Test
    void aPostMailReadsLikeThePageAndCarriesItsHeaders() throws Exception {
        store.startFanout("job-4.0", POST.json(), POST.components(), Duration.ofDays(1));
        try (FanoutWorkers workers = workers(400, Duration.ofMinutes(2))) {
            workers.start();
            awaitAllSent();
        }
        MimeMessage one = smtp.getReceivedMessages()[0];
        assertThat(one.getSubject()).isEqualTo("Identified — INC-7 ConnectMe login failures");
        assertThat(one.getMessageID()).matches("<job-4\\.0\\.s\\d+\\.status@example\\.com>");
        assertThat(one.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(one)).contains("Posted Feb 26, 2026 - 09:15 UTC");
    }

    private FanoutWorkers workers(double rate, Duration lease) {
        return new FanoutWorkers(store, sender, mail, new SubscriberSettings(rate, 10, 3, Duration.ofHours(48), lease, 10),
                clock);
    }

    private void awaitAllSent() {
        await().atMost(Duration.ofSeconds(40)).until(() -> store.fanouts().isEmpty()
                && smtp.getReceivedMessages().length >= RECIPIENTS);
    }

    /** Every confirmed subscriber of the post's components (or of all) once; the unconfirmed and the others none. */
    private void assertEachOnce() throws MessagingException {
        Map<String, Long> counts = Arrays.stream(smtp.getReceivedMessages()).map(FanoutWorkersTest::recipient)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(counts).hasSize(RECIPIENTS);
        assertThat(counts.values()).allMatch(n -> n == 1);
        assertThat(counts).doesNotContainKeys("unconfirmed@example.com", "payments@example.com");
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
