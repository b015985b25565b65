package io.sitrep.incident;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of people Sitrep keeps by id (Slack and Discord users): learnt from the people who
 * use it and from the mentions they type, so that where a mention does not render — the
 * console, the HTTP API, a postmortem document — {@code <@U0ALICE>} reads {@code @alice}.
 */
public interface People {

    /** Knows nobody: mentions stay as they are. */
    People NONE = new People() {
        @Override
        public void remember(String id, String name) {
        }

        @Override
        public Optional<String> nameOf(String id) {
            return Optional.empty();
        }
    };

    /** A kept mention, {@code <@id>}. */
    Pattern MENTION = Pattern.compile("<@([A-Za-z0-9]+)>");

    /** May throw {@code StoreUnavailableException}; callers treat a failure as not knowing the name. */
    void remember(String id, String name);

    Optional<String> nameOf(String id);

    /** {@code text} with each kept mention whose person is known written as {@code @name}. */
    default String named(String text) {
        if (text == null || text.indexOf("<@") < 0) {
            return text;
        }
        Matcher m = MENTION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = safely(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(name == null ? m.group() : "@" + name));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String safely(String id) {
        try {
            return nameOf(id).orElse(null);
        } catch (RuntimeException e) {
            return null; // a name is a nicety: the mention stands
        }
    }
}
