package io.sitrep.incident.command;

import java.util.List;

/**
 * One argument or {@code --flag} of a command: what it is called, what kind of value it takes,
 * whether it must be given, and the words that explain it wherever it is shown (help, Discord's
 * options, Slack's modals).
 *
 * @param name        for an argument, its name in the usage line ({@code title}); for a flag, the
 *                    flag without dashes ({@code sev})
 * @param label       the name shown in forms (Discord's option, a modal's field): {@code severity}
 * @param choices     the values allowed, for {@link Kind#CHOICE} and {@link Kind#SEVERITY}
 * @param min         the smallest value of an {@link Kind#INTEGER}
 * @param max         the largest value of an {@link Kind#INTEGER}
 * @param repeatable  a flag that may be given several times ({@code --node a --node b})
 */
public record Parameter(String name, String label, Kind kind, boolean required, String description,
                        List<Choice> choices, long min, long max, boolean repeatable) {

    /** What kind of value a parameter takes, which decides how it is checked and shown. */
    public enum Kind {
        /** Free text: for the last argument, every remaining word. */
        TEXT,
        /** One word, such as an id. */
        WORD,
        /** A person: {@code @name} or a platform mention. */
        USER,
        /** One of the listed choices. */
        CHOICE,
        /** A severity, 1-4 (SEV1 the worst). */
        SEVERITY,
        /** A whole number within bounds. */
        INTEGER,
        /** A time: HH:MM (UTC, today) or ISO-8601. */
        TIME,
        /** A flag that takes no value: given or not ({@code --private}). */
        SWITCH
    }

    /** An allowed value and how forms label it. */
    public record Choice(String value, String label) {
    }

    public Parameter {
        choices = List.copyOf(choices);
    }

    public static Parameter text(String name, String description) {
        return new Parameter(name, name, Kind.TEXT, true, description, List.of(), 0, 0, false);
    }

    public static Parameter word(String name, String description) {
        return new Parameter(name, name, Kind.WORD, true, description, List.of(), 0, 0, false);
    }

    public static Parameter user(String name, String description) {
        return new Parameter(name, name, Kind.USER, true, description, List.of(), 0, 0, false);
    }

    public static Parameter integer(String name, long min, long max, String description) {
        return new Parameter(name, name, Kind.INTEGER, true, description, List.of(), min, max, false);
    }

    public static Parameter choice(String name, String description, Choice... choices) {
        return new Parameter(name, name, Kind.CHOICE, true, description, List.of(choices), 0, 0, false);
    }

    public static Parameter severity(String name, String description) {
        return new Parameter(name, name, Kind.SEVERITY, true, description, CommandSpecs.SEVERITIES, 1, 4, false);
    }

    /** The same parameter, not required. */
    public Parameter optional() {
        return new Parameter(name, label, kind, false, description, choices, min, max, repeatable);
    }

    /** The same parameter as a {@code --flag} (always optional), shown in forms as {@code label}. */
    public Parameter asFlag(String flag) {
        return new Parameter(flag, name, kind, false, description, choices, min, max, repeatable);
    }

    /** The same flag, allowed more than once. */
    public Parameter allowedRepeatedly() {
        return new Parameter(name, label, kind, required, description, choices, min, max, true);
    }

    /** A flag that takes no value. */
    public static Parameter flagSwitch(String flag, String description) {
        return new Parameter(flag, flag, Kind.SWITCH, false, description, List.of(), 0, 0, false);
    }

    /** The kind of time flag ({@code --at}, {@code --detected-at}). */
    public static Parameter time(String name, String description) {
        return new Parameter(name, name, Kind.TIME, true, description, List.of(), 0, 0, false);
    }

    /**
     * What the usage line shows for it: {@code <title>}, {@code [@owner]}, {@code <1-4>}; with
     * {@code detailed}, choices are listed ({@code <done|skip|fail>}), else named ({@code <outcome>}).
     */
    public String placeholder(boolean detailed) {
        if (required) {
            return "<" + value(detailed) + ">";
        }
        return kind == Kind.USER ? "[" + value(detailed) + "]" : "[<" + value(detailed) + ">]";
    }

    /** The value's form without brackets: {@code title}, {@code 1-4}, {@code @owner}, {@code done|skip|fail}. */
    public String value(boolean detailed) {
        return switch (kind) {
            case CHOICE -> detailed ? String.join("|", choices.stream().map(Choice::value).toList()) : label;
            case SEVERITY -> "1-4";
            case INTEGER -> label + " " + min + "-" + max;
            case USER -> "@" + label;
            case TIME -> "time";
            default -> label;
        };
    }

    /** Whether {@code value} is one this parameter takes; for choices the case is ignored. */
    public boolean allows(String value) {
        return switch (kind) {
            case CHOICE, SEVERITY -> choices.stream().anyMatch(c -> c.value().equalsIgnoreCase(value))
                    || kind == Kind.SEVERITY && value.toUpperCase(java.util.Locale.ROOT).matches("SEV[1-4]");
            case INTEGER -> value.matches("-?\\d{1,9}") && Long.parseLong(value) >= min && Long.parseLong(value) <= max;
            default -> true;
        };
    }
}
