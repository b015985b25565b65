package io.sitrep.bot.status.subscribers;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * One post of the public status page as subscribers are mailed it, kept whole in the queued
 * message and the fan-out: what the page showed when it was posted, whatever changes later.
 * A post of a maintenance window names the window ({@code MNT-3}) where an incident's names the
 * incident, and carries its time in UTC; posts stored by an earlier release have none.
 *
 * @param incident   the incident's id, or the maintenance window's
 * @param label      {@code Investigating} … {@code Resolved}, {@code Postmortem}; for maintenance
 *                   {@code Scheduled maintenance} … {@code Maintenance cancelled}
 * @param components the components it affects; none: it is for every subscriber
 * @param window     a maintenance window's time ({@code Dec 8, 2026 02:00 – 04:00 UTC}); null for an incident's post
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
record PublicPost(String incident, String title, String label, String text, Instant at, List<String> components,
                  String window) {

    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

    PublicPost {
        components = components == null ? List.of() : List.copyOf(components);
    }

    /** An incident's post. */
    PublicPost(String incident, String title, String label, String text, Instant at, List<String> components) {
        this(incident, title, label, text, at, components, null);
    }

    /** Whether it is a maintenance window's post rather than an incident's. */
    boolean ofMaintenance() {
        return window != null;
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
