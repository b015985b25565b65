package io.sitrep.bot.status.webhook;

import java.time.Duration;

import io.sitrep.integrations.redis.RedisStatusWebhooks;

/**
 * Whether the status page has any webhook subscriber, asked of Redis at most once a second, so
 * that without subscribers a public post costs nothing more than it did: no lane, no fan-out,
 * no polling. A subscriber added here counts at once; one added on another replica from its
 * next check, within a second.
 */
public final class Subscribers {

    static final Duration CHECK_EVERY = Duration.ofSeconds(1);

    private final RedisStatusWebhooks webhooks;
    private volatile boolean any;
    private volatile long checkedAtNanos;
    private volatile boolean checked;

    public Subscribers(RedisStatusWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    public boolean any() {
        long now = System.nanoTime();
        if (!checked || now - checkedAtNanos >= CHECK_EVERY.toNanos()) {
            try {
                any = webhooks.count() > 0;
            } catch (RuntimeException e) {
                any = true; // unsure: plan the post, the fan-out reads the subscribers again
            }
            checkedAtNanos = now;
            checked = true;
        }
        return any;
    }

    /** A subscriber was added or enabled here: posts from now on are planned for it. */
    void added() {
        any = true;
        checkedAtNanos = System.nanoTime();
        checked = true;
    }
}
