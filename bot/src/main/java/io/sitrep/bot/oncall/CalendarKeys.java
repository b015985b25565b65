package io.sitrep.bot.oncall;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import io.sitrep.integrations.redis.RedisOnCall;

/**
 * The secret key of each schedule's calendar: a calendar application needs a plain URL, so the
 * key in it is what keeps the schedule private. Made on first use, replaceable at will; never
 * logged.
 */
public final class CalendarKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final RedisOnCall redis;

    public CalendarKeys(RedisOnCall redis) {
        this.redis = redis;
    }

    /** The schedule's key, made now if it has none. */
    public String keyOf(String schedule) {
        return redis.calendarKey(schedule, fresh());
    }

    /** A new key for the schedule: the old URL stops working. */
    public String rotate(String schedule) {
        String key = fresh();
        redis.replaceCalendarKey(schedule, key);
        return key;
    }

    /** Whether {@code given} is the schedule's key; compared in constant time. */
    public boolean opens(String schedule, String given) {
        String key = redis.existingCalendarKey(schedule);
        return key != null && given != null && MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    private static String fresh() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
