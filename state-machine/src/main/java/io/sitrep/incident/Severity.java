package io.sitrep.incident;

import java.util.Locale;
import java.util.Optional;

/** Incident severity, {@code SEV1} the worst. */
public enum Severity {
    SEV1, SEV2, SEV3, SEV4;

    public static final Severity DEFAULT = SEV3;

    /** Accepts {@code 2}, {@code sev2} and {@code SEV2}. */
    public static Optional<Severity> tryParse(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        if (t.startsWith("SEV")) {
            t = t.substring(3);
        }
        return switch (t) {
            case "1" -> Optional.of(SEV1);
            case "2" -> Optional.of(SEV2);
            case "3" -> Optional.of(SEV3);
            case "4" -> Optional.of(SEV4);
            default -> Optional.empty();
        };
    }
}
