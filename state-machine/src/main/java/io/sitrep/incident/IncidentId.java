package io.sitrep.incident;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** An incident's id, {@code INC-<n>} with n increasing from 1. */
public record IncidentId(long number) implements Comparable<IncidentId> {

    private static final Pattern FORMAT = Pattern.compile("(?i)INC-(\\d{1,18})");

    public IncidentId {
        if (number < 1) {
            throw new IllegalArgumentException("incident numbers start at 1");
        }
    }

    /** Reads {@code INC-7} (any case); empty for anything else. */
    public static Optional<IncidentId> tryParse(String text) {
        Matcher matcher = FORMAT.matcher(text == null ? "" : text.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(matcher.group(1));
        return n < 1 ? Optional.empty() : Optional.of(new IncidentId(n));
    }

    @JsonCreator
    public static IncidentId parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException("not an incident id: " + text));
    }

    @JsonValue
    @Override
    public String toString() {
        return "INC-" + number;
    }

    @Override
    public int compareTo(IncidentId other) {
        return Long.compare(number, other.number);
    }
}
