package io.sitrep.integrations.redis;

import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.sitrep.incident.Incident;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.Visibility;

/**
 * The stored JSON form of incidents, timeline entries and the other records Sitrep keeps. Unknown fields are ignored so that an
 * older replica can still read what a newer one wrote during a rolling upgrade.
 */
final class IncidentJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private IncidentJson() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Incident readIncident(String json) {
        return read(json, Incident.class);
    }

    /**
     * Whether a record was written before incidents carried their visibility. A field name is
     * the only place the quoted word can stand: inside a JSON string its quotes are escaped.
     */
    static boolean lacksVisibility(String json) {
        return !json.contains("\"visibility\":");
    }

    /** A record written before incidents carried their visibility, with the one its declaration gave. */
    static Incident readIncident(String json, Visibility declared) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode tree =
                    (com.fasterxml.jackson.databind.node.ObjectNode) MAPPER.readTree(json);
            tree.put("visibility", declared.name());
            return MAPPER.treeToValue(tree, Incident.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("unreadable stored Incident", e);
        }
    }

    static TimelineEntry readEntry(String json) {
        return read(json, TimelineEntry.class);
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("unreadable stored " + type.getSimpleName(), e);
        }
    }
}
