package io.sitrep.bot.status.subscribers;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * One post of the public status page as subscribers are mailed it, kept whole in the queued
 * message and the fan-out: what the page showed when it was posted, whatever changes later.
 *
 * @param label      {@code Investigating} … {@code Resolved}, {@code Postmortem}
 * @param components the components it affects; none: it is for every subscriber
 */
record PublicPost(String incident, String title, String label, String text, Instant at, List<String> components) {

    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

    PublicPost {
        components = components == null ? List.of() : List.copyOf(components);
    }

    String json() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a post does not serialise", e);
        }
    }

    static PublicPost read(String json) {
        try {
            return JSON.readValue(json, PublicPost.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a stored post: " + e.getOriginalMessage(), e);
        }
    }
}
