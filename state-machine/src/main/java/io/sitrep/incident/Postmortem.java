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
        List<FollowUp> actions,
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
        actions = actions == null ? List.of() : numbered(actions);
    }

    // Actions stored as plain strings carry no number: theirs is their place in the list.
    private static List<FollowUp> numbered(List<FollowUp> actions) {
        List<FollowUp> all = new ArrayList<>(actions.size());
        for (int i = 0; i < actions.size(); i++) {
            FollowUp action = actions.get(i);
            all.add(action.number() > 0 ? action : action.numbered(i + 1));
        }
        return List.copyOf(all);
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

    /** With a new open follow-up, numbered after the last one. */
    public Postmortem withAction(String text, String actionOwner, java.time.LocalDate due) {
        List<FollowUp> more = new ArrayList<>(actions);
        more.add(FollowUp.open(nextActionNumber(), text, actionOwner, due));
        return new Postmortem(owner, category, summary, impact, rootCause, resolution, more, completedAt);
    }

    public Postmortem withAction(String text) {
        return withAction(text, null, null);
    }

    public int nextActionNumber() {
        return actions.stream().mapToInt(FollowUp::number).max().orElse(0) + 1;
    }

    /** Follow-up {@code A<number>}. */
    public Optional<FollowUp> action(int number) {
        return actions.stream().filter(a -> a.number() == number).findFirst();
    }

    /** With follow-up {@code A<number>} replaced by {@code changed}. */
    public Postmortem withActionChanged(FollowUp changed) {
        List<FollowUp> all = actions.stream().map(a -> a.number() == changed.number() ? changed : a).toList();
        return new Postmortem(owner, category, summary, impact, rootCause, resolution, all, completedAt);
    }

    public Postmortem withOwner(String newOwner) {
        return new Postmortem(newOwner, category, summary, impact, rootCause, resolution, actions, completedAt);
    }

    public Postmortem completedAt(Instant at) {
        return new Postmortem(owner, category, summary, impact, rootCause, resolution, actions, at);
    }
}
