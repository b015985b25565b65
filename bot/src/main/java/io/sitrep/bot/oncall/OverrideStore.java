package io.sitrep.bot.oncall;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.sitrep.integrations.redis.RedisOnCall;

/**
 * The overrides made in chat, kept in Redis so every replica sees them and they outlive
 * restarts. Overrides that ended long ago are dropped as new ones are added.
 */
public final class OverrideStore {

    /** How long an ended override is still kept, for questions about the past ({@code --at}). */
    static final Duration KEPT_AFTER_END = Duration.ofDays(90);

    /** Unknown fields are ignored: an older replica still reads what a newer one wrote during an upgrade. */
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final RedisOnCall redis;

    public OverrideStore(RedisOnCall redis) {
        this.redis = redis;
    }

    /** A new id for an override: short, as people may name it. */
    public static String newId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    public void add(OnCallOverride override) {
        redis.addOverride(override.schedule(), override.id(), override.until().toEpochMilli(), write(override),
                override.createdAt().minus(KEPT_AFTER_END).toEpochMilli());
    }

    /** The schedule's overrides overlapping {@code [from, to)}, oldest-made first. */
    public List<OnCallOverride> overlapping(String schedule, Instant from, Instant to) {
        return redis.overridesEndingAfter(schedule, from.toEpochMilli()).stream().map(OverrideStore::read)
                .filter(o -> o.overlaps(from, to)).sorted(Comparator.comparing(OnCallOverride::createdAt)).toList();
    }

    /** Changes whenever the schedule's overrides do, on any replica: what was worked out from them may be kept until then. */
    public long version(String schedule) {
        return redis.overridesVersion(schedule);
    }

    /** @return whether there was such an override */
    public boolean remove(String schedule, String id) {
        return redis.removeOverride(schedule, id);
    }

    private static String write(OnCallOverride override) {
        try {
            return JSON.writeValueAsString(override);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an override could not be written as JSON", e);
        }
    }

    private static OnCallOverride read(String json) {
        try {
            return JSON.readValue(json, OnCallOverride.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored override is not readable: " + e.getOriginalMessage(), e);
        }
    }
}
