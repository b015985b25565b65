package io.sitrep.bot.status.webhook;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sitrep.config.StatusWebhookSettings;
import io.sitrep.integrations.chat.PostponedDelivery;
import io.sitrep.integrations.paging.PagerHttp;
import io.sitrep.integrations.paging.WebhookSignature;
import io.sitrep.integrations.redis.RedisStatusWebhooks;
import io.sitrep.integrations.redis.RedisStatusWebhooks.Claimed;

/**
 * Sends the fan-out records, on every replica: a loop claims due records with a lease (so two
 * replicas never hold one at once) and a few senders post them, each signed as Standard Webhooks
 * signs. A record that does not get through — any answer but a 2xx, a timeout, no connection —
 * is due again after its own backoff, or the receiver's Retry-After; a subscriber failing for
 * {@code webhook-give-up} is disabled. Each subscriber's failures wait alone: a receiver that
 * hangs holds one sender for five seconds, never the others.
 */
public final class FanOutWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FanOutWorker.class);
    /** Far past one post's timeout: a record is sent once unless its replica stalls this long. */
    static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration LONGEST_BACKOFF = Duration.ofMinutes(30);
    private static final int SENDERS = 8;

    private final RedisStatusWebhooks webhooks;
    private final StatusWebhookSettings settings;
    private final GiveUpNotice notice;
    private final Subscribers subscribers;
    private final Clock clock;
    private final Duration poll;
    private final PagerHttp http;
    private final Semaphore free = new Semaphore(SENDERS);
    private final Object wakeUp = new Object();
    private final ExecutorService senders;
    private volatile boolean running;
    private Thread loop;

    FanOutWorker(RedisStatusWebhooks webhooks, Subscribers subscribers, StatusWebhookSettings settings,
                 GiveUpNotice notice, Clock clock, Duration poll) {
        this.webhooks = webhooks;
        this.subscribers = subscribers;
        this.settings = settings;
        this.notice = notice;
        this.clock = clock;
        this.poll = poll;
        this.http = new PagerHttp("the webhook", clock);
        this.senders = Executors.newFixedThreadPool(SENDERS, runnable -> {
            Thread thread = new Thread(runnable, "status-webhook-sender");
            thread.setDaemon(true);
            return thread;
        });
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        loop = new Thread(this::run, "status-webhook-fan-out");
        loop.setDaemon(true);
        loop.start();
    }

    /** New records were made here: look at once rather than at the next poll. */
    public void wake() {
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    private void run() {
        while (running) {
            try {
                free.acquire();
                int slots = 1 + free.drainPermits();
                if (!subscribers.any()) {
                    free.release(slots);
                    sleep(poll);
                    continue;
                }
                RedisStatusWebhooks.Claim claim;
                try {
                    claim = webhooks.claim(clock.instant(), LEASE, slots);
                } catch (RuntimeException e) {
                    free.release(slots);
                    log.warn("Status webhook records could not be claimed: {}", e.getMessage());
                    sleep(poll);
                    continue;
                }
                List<Claimed> due = claim.claimed();
                free.release(slots - due.size());
                for (Claimed record : due) {
                    senders.execute(() -> {
                        try {
                            send(record);
                        } catch (RuntimeException e) {
                            log.error("A post to status webhook {} failed unexpectedly", record.owed().hook(), e);
                        } finally {
                            free.release();
                        }
                    });
                }
                if (due.size() < slots) {
                    sleep(until(claim.nextDue()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Until the next record is due (a retry a moment away is not left for the next poll), at most a poll. */
    private Duration until(Optional<Instant> nextDue) {
        return nextDue.map(at -> Duration.between(clock.instant(), at)).filter(wait -> wait.compareTo(poll) < 0)
                .map(wait -> wait.isNegative() ? Duration.ZERO : wait).orElse(poll);
    }

    private void sleep(Duration wait) throws InterruptedException {
        synchronized (wakeUp) {
            if (running) {
                wakeUp.wait(Math.max(10, wait.toMillis()));
            }
        }
    }

    /** One post to one subscriber, with the id every try of it carries. */
    void send(Claimed record) {
        Optional<RedisStatusWebhooks.Webhook> found = webhooks.webhook(record.owed().hook());
        if (found.isEmpty()) {
            return; // removed meanwhile: its records are gone with it
        }
        RedisStatusWebhooks.Webhook webhook = found.get();
        URI url = PagerHttp.url(webhook.url());
        String body = record.owed().body();
        String id = record.owed().messageId();
        long timestamp = clock.instant().getEpochSecond();
        String error;
        Duration retryAfter = null;
        try {
            PagerHttp.Answer answer = http.post(url, new WebhookSignature(webhook.secret()).headers(id, timestamp, body),
                    body);
            if (answer.ok()) {
                webhooks.sent(record);
                return;
            }
            error = "the webhook answered " + answer.status()
                    + (answer.body().isBlank() ? "" : ": " + PagerHttp.shortened(answer.body(), 200));
        } catch (PostponedDelivery passing) {
            error = passing.getMessage();
            retryAfter = passing.after();
        }
        failed(record, webhook, error, retryAfter);
    }

    private void failed(Claimed record, RedisStatusWebhooks.Webhook webhook, String error, Duration retryAfter) {
        Instant now = clock.instant();
        Duration wait = retryAfter != null ? retryAfter : backoff(record.tries());
        RedisStatusWebhooks.Failure failure = webhooks.failed(record, error, now, now.plus(wait));
        Duration failingFor = Duration.between(failure.failingSince(), now);
        if (failingFor.compareTo(settings.webhookGiveUp()) >= 0) {
            if (webhooks.disable(webhook.id(), now, error)) {
                notice.disabled(webhook, record.owed().incident(), failingFor, error);
            }
            return;
        }
        log.info("Status webhook {} did not take {} ({}); tried again at {}", webhook.id(), record.owed().messageId(),
                error, now.plus(wait));
    }

    /** The first retry after {@code webhook-retry}, each later one twice as long, at most half an hour. */
    private Duration backoff(int tries) {
        Duration wait = settings.webhookRetry().multipliedBy(1L << Math.min(tries, 20));
        return wait.compareTo(LONGEST_BACKOFF) > 0 ? LONGEST_BACKOFF : wait;
    }

    @Override
    public void close() {
        running = false;
        wake();
        if (loop != null) {
            loop.interrupt();
        }
        senders.shutdown();
        try {
            senders.awaitTermination(PagerHttp.TIMEOUT.toSeconds() + 1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
