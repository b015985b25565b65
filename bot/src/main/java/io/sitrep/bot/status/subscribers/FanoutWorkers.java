package io.sitrep.bot.status.subscribers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import io.sitrep.config.SubscriberSettings;
import io.sitrep.integrations.mail.SmtpRefusal;
import io.sitrep.integrations.redis.RedisSubscribers;
import io.sitrep.integrations.redis.RedisSubscribers.Claim;
import io.sitrep.integrations.redis.RedisSubscribers.Recipient;

/**
 * Mails each fan-out's post to its recipients, on every replica: a worker claims a chunk of
 * recipients with a lease, sends them over one SMTP connection at {@code sitrep.status.mail-rate}
 * mails a second, and removes each recipient the moment its mail is accepted — so a restart, a
 * replica killed mid-chunk (its chunk goes to another when the lease ends) or an SMTP outage
 * (the recipient is kept, tried again after a backoff) delays mail and sends none twice, but for
 * the one mail a replica may die between sending and removing; that one carries the same
 * Message-ID ({@code <job.subscriber.status@domain>}) both times. A recipient the server refuses
 * for good (5xx) is dropped.
 */
public final class FanoutWorkers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FanoutWorkers.class);
    private static final Duration IDLE = Duration.ofSeconds(2);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    private final RedisSubscribers store;
    private final JavaMailSender sender;
    private final SubscriberMail mail;
    private final SubscriberSettings settings;
    private final Clock clock;
    private final Object signal = new Object();
    private final long nanosPerMail;
    private volatile boolean running;
    private Thread thread;
    private long nextMailAt = System.nanoTime();
    private Duration backoff = Duration.ZERO;

    public FanoutWorkers(RedisSubscribers store, JavaMailSender sender, SubscriberMail mail, SubscriberSettings settings,
                  Clock clock) {
        this.store = store;
        this.sender = sender;
        this.mail = mail;
        this.settings = settings;
        this.clock = clock;
        this.nanosPerMail = (long) (1_000_000_000L / settings.mailRate());
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "subscriber-fanout");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops between two mails; the chunk's unsent recipients go back for whoever comes next. */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            this.running = false;
            running = thread;
        }
        wake();
        if (running != null) {
            try {
                running.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A fan-out was made: look now rather than at the next poll. */
    public void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    private void run() {
        while (running) {
            boolean worked = false;
            try {
                for (String job : store.fanouts()) {
                    worked |= drain(job);
                    if (!running) {
                        return;
                    }
                }
            } catch (RuntimeException e) {
                log.warn("Subscriber fan-out paused: {}", e.getMessage());
            }
            if (!backoff.isZero()) {
                pause(backoff);
            } else if (!worked) {
                pause(IDLE);
            }
        }
    }

    /** Sends what this replica can claim of {@code job}; whether it sent anything. */
    private boolean drain(String job) {
        boolean sent = false;
        while (running) {
            Instant now = clock.instant();
            Claim claim = store.claim(job, now, now.plus(settings.fanoutLease()), settings.fanoutChunk());
            if (claim.state() != Claim.State.CLAIMED) {
                return sent;
            }
            if (claim.recipients().isEmpty()) {
                continue;
            }
            if (!send(job, PublicPost.read(claim.post()), claim.recipients())) {
                return sent;
            }
            sent = true;
        }
        return sent;
    }

    /** Sends one chunk over one connection; false when it stopped short (an outage, a stop). */
    private boolean send(String job, PublicPost post, List<Recipient> chunk) {
        List<String> owed = new ArrayList<>(chunk.stream().map(Recipient::id).toList());
        Instant renewAt = clock.instant().plus(settings.fanoutLease().dividedBy(2));
        try (Connection connection = connect()) {
            for (Recipient recipient : chunk) {
                if (!running) {
                    store.release(job, owed);
                    return false;
                }
                pace();
                if (!clock.instant().isBefore(renewAt)) {
                    store.renew(job, owed, clock.instant().plus(settings.fanoutLease()));
                    renewAt = clock.instant().plus(settings.fanoutLease().dividedBy(2));
                }
                try {
                    connection.send(mail.post(recipient.id(), recipient.address(), post, messageId(job, recipient)));
                } catch (MailException | MessagingException e) {
                    Optional<String> refused = SmtpRefusal.permanent(e);
                    if (refused.isEmpty()) {
                        throw e;
                    }
                    log.warn("A status post to subscriber {} was refused: {}", recipient.id(), refused.get());
                }
                store.sent(job, recipient.id());
                owed.remove(recipient.id());
            }
            backoff = Duration.ZERO;
            return true;
        } catch (MailException | MessagingException e) {
            backoff = backoff.isZero() ? Duration.ofSeconds(1) : min(backoff.multipliedBy(2), MAX_BACKOFF);
            log.warn("Status posts to subscribers wait {} s: {}", backoff.toSeconds(), SmtpRefusal.describe(e));
            store.release(job, owed);
            return false;
        }
    }

    private String messageId(String job, Recipient recipient) {
        return "<" + job + "." + recipient.id() + ".status@" + mail.domain() + ">";
    }

    /** Waits for the next mail's turn at {@code sitrep.status.mail-rate}. */
    private void pace() {
        long wait = nextMailAt - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        nextMailAt = Math.max(nextMailAt, System.nanoTime() - nanosPerMail) + nanosPerMail;
    }

    private void pause(Duration duration) {
        synchronized (signal) {
            try {
                signal.wait(Math.max(1, duration.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** One SMTP connection for a chunk, where the sender lets it be kept open; else one per mail. */
    private Connection connect() throws MessagingException {
        if (sender instanceof JavaMailSenderImpl impl) {
            Transport transport = impl.getSession().getTransport(impl.getProtocol() == null ? "smtp" : impl.getProtocol());
            transport.connect(impl.getHost(), impl.getPort(), impl.getUsername(), impl.getPassword());
            return new Connection() {
                @Override
                public void send(MimeMessage message) throws MessagingException {
                    String id = message.getHeader("Message-ID", null);
                    message.saveChanges(); // which makes a Message-ID of its own: ours goes back on
                    if (id != null) {
                        message.setHeader("Message-ID", id);
                    }
                    transport.sendMessage(message, message.getAllRecipients());
                }

                @Override
                public void close() throws MessagingException {
                    transport.close();
                }
            };
        }
        return new Connection() {
            @Override
            public void send(MimeMessage message) {
                sender.send(message);
            }

            @Override
            public void close() {
            }
        };
    }

    private interface Connection extends AutoCloseable {
        void send(MimeMessage message) throws MessagingException;

        @Override
        void close() throws MessagingException;
    }
}
