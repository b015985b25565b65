package io.sitrep.incident;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A responder role on one incident; everyone without one is an observer. */
public enum Role {
    COMMANDER, COMMS, SCRIBE, RESPONDER;

    /** The word users type and JSON carries: {@code commander}. */
    @JsonValue
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Role fromWord(String word) {
        return tryParse(word).orElseThrow(() -> new IllegalArgumentException("unknown role: " + word));
    }

    public static Optional<Role> tryParse(String word) {
        String w = word == null ? "" : word.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(r -> r.word().equals(w)).findFirst();
    }

    public static String allWords() {
        return String.join(", ", Arrays.stream(values()).map(Role::word).toList());
    }
}
