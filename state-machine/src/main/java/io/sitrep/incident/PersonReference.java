package io.sitrep.incident;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person as kept on an incident: the platform mention {@code <@U0ALICE>} (Slack and Discord
 * write mentions alike), or a plain name where the platform has no ids (the console, the API).
 */
public final class PersonReference {

    /** {@code <@U0ALICE>}, {@code <@U0ALICE|alice>} (Slack's escaped form), {@code <@!123>} (Discord's nickname form). */
    private static final Pattern MENTION = Pattern.compile("<@!?([A-Za-z0-9]+)(?:\\|[^>]*)?>");

    private static final Pattern MENTION_WITH_NAME = Pattern.compile("<@!?([A-Za-z0-9]+)\\|([^>]*)>");

    private PersonReference() {
    }

    public static String mention(String id) {
        return "<@" + id + ">";
    }

    /** The id in a mention, if it is one. */
    public static Optional<String> idOf(String reference) {
        Matcher m = MENTION.matcher(reference.strip());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The name a mention carries ({@code bob} in Slack's {@code <@U0BOB|bob>}), if it carries one. */
    public static Optional<String> nameIn(String reference) {
        Matcher m = MENTION_WITH_NAME.matcher(reference.strip());
        return m.matches() ? Optional.of(m.group(2)).filter(n -> !n.isBlank()) : Optional.empty();
    }

    /** A mention in any of its written forms, in its kept form {@code <@id>}; anything else as it is. */
    public static String normalise(String reference) {
        return idOf(reference).map(PersonReference::mention).orElse(reference.strip());
    }
}
