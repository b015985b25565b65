package io.sitrep.bot.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.javamail.JavaMailSenderImpl;

import com.icegreen.greenmail.util.GreenMail;

import io.sitrep.bot.TestSmtp;
import io.sitrep.bot.status.subscribers.FanoutWorkers;
import io.sitrep.bot.status.subscribers.SubscriberLane;
import io.sitrep.bot.status.subscribers.SubscriberLinks;
import io.sitrep.bot.status.subscribers.SubscriberMail;
import io.sitrep.bot.status.subscribers.SubscriberPosts;
import io.sitrep.config.StatusSettings;
import io.sitrep.config.SubscriberSettings;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentChange;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.Role;
import io.sitrep.incident.Severity;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.Watcher;
import io.sitrep.integrations.chat.Delivery;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.DeliverySteps;
import io.sitrep.integrations.redis.RedisSubscribers;
import io.sitrep.integrations.redis.TestRedis;

/**
 * One public post to {@code bench.subscribers.count} (10,000) confirmed mail subscribers, made
 * into a fan-out by the real {@link SubscriberPosts} addendum and {@link SubscriberLane}, and
 * mailed by one and by two replicas' {@link FanoutWorkers} to a real SMTP server in this JVM
 * (GreenMail), on the embedded Redis. With {@code mail-rate} unlimited each fan-out is drained;
 * at the default rate (10 a second per replica) draining 10,000 takes 1,000 s per replica, so
 * the rate is measured over {@code bench.subscribers.window} (30) seconds and the drain
 * projected from it — {@code -Dbench.subscribers.drain-at-default=true} drains those too. Every
 * run counts the mails each recipient received and checks their Message-IDs are unique.
 */
public final class SubscriberFanoutBenchmark {

    private static final Duration DRAIN_LIMIT = Duration.ofMinutes(30);
    private static final StatusSettings STATUS = new StatusSettings("Example status",
            List.of(new StatusSettings.Component("ConnectMe", "connectme", null)));

    private SubscriberFanoutBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int subscribers = Integer.getInteger("bench.subscribers.count", 10_000);
        Duration window = Duration.ofSeconds(Integer.getInteger("bench.subscribers.window", 30));
        boolean drainAtDefault = Boolean.getBoolean("bench.subscribers.drain-at-default");
        double defaultRate = SubscriberSettings.defaults().mailRate();
        // The SMTP server logs a line for each of the 10,000 mailboxes it makes: its cost, not the fan-out's.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("com.icegreen.greenmail"))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        System.out.printf(Locale.ROOT, "load average before: %s%n", loadAverage());
        boolean allOnce = true;
        for (int workers = 1; workers <= 2; workers++) {
            allOnce &= run(subscribers, workers, defaultRate, drainAtDefault ? null : window).once();
        }
        for (int workers = 1; workers <= 2; workers++) {
            allOnce &= run(subscribers, workers, Double.POSITIVE_INFINITY, null).once();
        }
        System.out.printf(Locale.ROOT, "load average after: %s%n", loadAverage());
        if (!allOnce) {
            throw new IllegalStateException("a subscriber was mailed a post twice");
        }
        System.exit(0); // GreenMail's and Jedis' threads would keep the JVM
    }

    /**
     * One fan-out with {@code workers} replicas at {@code rate} mails a second each: drained, or
     * stopped after {@code window} when one is given.
     */
    private static Received run(int subscribers, int workers, double rate, Duration window) throws Exception {
        RedisSubscribers store = new RedisSubscribers(TestRedis.flushed());
        long made = System.nanoTime();
        Clock clock = Clock.systemUTC();
        for (int i = 0; i < subscribers; i++) {
            // Half follow the post's component, half every component: the fan-out unites both.
            String id = store.subscribe("s" + i, "reader" + i + "@example.com",
                    i % 2 == 0 ? List.of("ConnectMe") : List.of(), clock.instant(), Duration.ofHours(1)).id();
            store.confirm(id);
        }
        double subscribing = (System.nanoTime() - made) / 1e9;
        int port = TestSmtp.freePort();
        GreenMail smtp = TestSmtp.start(port);
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        SubscriberMail mail = new SubscriberMail(sender,
                new SubscriberLinks(store::secret, path -> "https://status.example.com" + path),
                "status@example.com", STATUS.title());
        SubscriberSettings defaults = SubscriberSettings.defaults();
        SubscriberSettings settings = new SubscriberSettings(rate, defaults.subscribeLimitPerClient(),
                defaults.subscribeLimitPerAddress(), defaults.confirmWithin(), defaults.fanoutLease(),
                defaults.fanoutChunk());
        List<FanoutWorkers> replicas = new ArrayList<>();
        try {
            for (int r = 0; r < workers; r++) {
                FanoutWorkers replica = new FanoutWorkers(store, sender, mail, settings, clock);
                replica.start();
                replicas.add(replica);
            }
            SubscriberLane lane = new SubscriberLane(store, () -> replicas.forEach(FanoutWorkers::wake));
            long start = System.nanoTime();
            lane.deliver(onePublicPost(), DeliverySteps.inMemory());
            long fannedOut = System.nanoTime();
            String label = String.format(Locale.ROOT, "%,d subscribers (made in %.1f s), %d worker(s), mail-rate %s",
                    subscribers, subscribing, workers, Double.isInfinite(rate) ? "unlimited" : rate + "/s");
            if (window != null) {
                Thread.sleep(window.toMillis());
                int sent = smtp.getReceivedMessages().length;
                double seconds = (System.nanoTime() - start) / 1e9;
                replicas.forEach(FanoutWorkers::close);
                Received received = Received.of(smtp);
                System.out.printf(Locale.ROOT, "%s: fan-out made in %.1f ms; %,d mails in %.1f s (%.2f mails/s), "
                                + "all %,d would take %.0f s; %s%n", label, (fannedOut - start) / 1e6, sent, seconds,
                        sent / seconds, subscribers, subscribers / (sent / seconds), received);
                return received;
            }
            BenchWait.until(() -> store.fanouts().isEmpty(), DRAIN_LIMIT);
            double seconds = (System.nanoTime() - start) / 1e9;
            replicas.forEach(FanoutWorkers::close);
            Received received = Received.of(smtp);
            System.out.printf(Locale.ROOT, "%s: fan-out made in %.1f ms; drained after %.2f s (%,.0f mails/s); %s%n",
                    label, (fannedOut - start) / 1e6, seconds, subscribers / seconds, received);
            return received.expecting(subscribers);
        } finally {
            replicas.forEach(FanoutWorkers::close);
            smtp.stop();
        }
    }

    /** The delivery a status change of a public incident queues: its post on the subscribers' lane. */
    private static Delivery onePublicPost() {
        Instant now = Instant.now();
        IncidentId id = new IncidentId(7);
        Incident incident = Incident.builder(id, IncidentState.IDENTIFIED, Severity.SEV2, now)
                .title("ConnectMe login failures").service("connectme").roles(Map.of(Role.COMMANDER, "bench"))
                .channel("inc-7").declaredBy("bench").detectedAt(now).build();
        TimelineEntry update = new TimelineEntry(now, now, TimelineKind.STAKEHOLDER_UPDATE, "bench", "console",
                "We found the cause of the failed logins and are rolling out a fix.", Map.of("status", "Identified"));
        List<DeliveryMessage> posts = new SubscriberPosts(STATUS)
                .messages(incident, new IncidentChange(incident, update));
        if (posts.size() != 1) {
            throw new IllegalStateException("expected one post for subscribers, got " + posts);
        }
        return Delivery.fromWatcher(Watcher.REMINDER, id, posts, false);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /** What the SMTP server received: mails per recipient, and distinct Message-IDs. */
    private record Received(int mails, int recipients, int doubled, int distinctIds, int missing) {

        static Received of(GreenMail smtp) throws MessagingException {
            MimeMessage[] messages = smtp.getReceivedMessages();
            List<String> to = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (MimeMessage message : messages) {
                to.add(message.getAllRecipients()[0].toString());
                ids.add(message.getMessageID());
            }
            Map<String, Long> perRecipient = to.stream()
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            int doubled = (int) perRecipient.values().stream().filter(n -> n > 1).count();
            return new Received(messages.length, perRecipient.size(), doubled, ids.size(), 0);
        }

        Received expecting(int subscribers) {
            return new Received(mails, recipients, doubled, distinctIds, subscribers - recipients);
        }

        boolean once() {
            return doubled == 0 && distinctIds == mails && missing == 0;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "received %,d mails by %,d recipients, %d recipient(s) doubled, "
                    + "%d missing, %,d distinct Message-IDs", mails, recipients, doubled, missing, distinctIds);
        }
    }
}
