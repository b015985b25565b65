package io.sitrep.bot.status.subscribers;

import java.time.Duration;

import io.sitrep.integrations.redis.RedisSubscribers;

/**
 * Where every post to mail subscribers starts, an incident's or a maintenance window's: one
 * fan-out job per post, listing the confirmed subscribers of its components at that moment,
 * made once under its id however often it is asked for; the workers are woken when one was made.
 */
final class PostFanouts {

    /** How long a made job is remembered, so a post told again never makes it again. */
    static final Duration REMEMBERED = Duration.ofDays(30);

    private final RedisSubscribers store;
    private final Runnable wake;

    PostFanouts(RedisSubscribers store, Runnable wake) {
        this.store = store;
        this.wake = wake;
    }

    /** Makes job {@code job} of {@code post}, unless it was made before; whether it has recipients. */
    boolean start(String job, PublicPost post) {
        boolean made = store.startFanout(job, post.json(), post.components(), REMEMBERED) > 0;
        if (made) {
            wake.run();
        }
        return made;
    }
}
