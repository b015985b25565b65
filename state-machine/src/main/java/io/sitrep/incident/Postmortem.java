package io.sitrep.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The postmortem fields of an incident, filled while it runs and after it is resolved.
 * Blank fields fall back to what the incident already knows (see {@link Incident#effectiveRootCause()}).
 */
public record Postmortem(
        String owner,
        String category,
        String summary,
        String impact,
        String rootCause,
        String resolution,
        List<String> actions,
        Instant completedAt) {

    /** The fields {@code postmortem set <field>} accepts. */
    public enum Field {
        SUMMARY, IMPACT, ROOT_CAUSE, RESOLUTION, CATEGORY;

        /** As typed: {@code root-cause}. */
        public String word() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Optional<Field> tryParse(String word) {
            String w = word == null ? "" : word.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            for (Field field : values()) {
                if (field.word().equals(w)) {
                    return Optional.of(field);
                }
            }
            return Optional.empty();
        }

        public static String allWords() {
            return String.join(", ", java.util.Arrays.stream(values()).map(Field::word).toList());
        }
    }

    public static final Postmortem EMPTY = new Postmortem(null, null, null, null, null, null, List.of(), null);

    public Postmortem {
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    public Postmortem withField(Field field, String text) {
        return switch (field) {
            case SUMMARY -> new Postmortem(owner, category, text, impact, rootCause, resolution, actions, completedAt);
            case IMPACT -> new Postmortem(owner, category, summary, text, rootCause, resolution, actions, completedAt);
            case ROOT_CAUSE -> new Postmortem(owner, category, summary, impact, text, resolution, actions, completedAt);
            case RESOLUTION -> new Postmortem(owner, category, summary, impact, rootCause, text, actions, completedAt);
            case CATEGORY -> new Postmortem(owner, text, summary, impact, rootCause, resolution, actions, completedAt);
        };
    }

    public Postmortem withAction(String action) {
        List<String> more = new ArrayList<>(actions);
        more.add(action);
        return new Postmortem(owner, category, summary, impact, rootCause, resolution, more, completedAt);
    }

    public Postmortem withOwner(String newOwner) {
        return new Postmortem(newOwner, category, summary, impact, rootCause, resolution, actions, completedAt);
    }

    public Postmortem completedAt(Instant at) {
        return new Postmortem(owner, category, summary, impact, rootCause, resolution, actions, at);
    }
}
