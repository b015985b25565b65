package io.sitrep.integrations.chat.slack;

/**
 * Slack's message format treats {@code <…>} as links and mentions and {@code &} as an entity:
 * user text is escaped so that a title can't ping {@code <!channel>} or smuggle in a link.
 */
final class SlackText {

    private SlackText() {
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * Slack sends slash-command text with {@code & < >} escaped the same way; commands need
     * what the user typed ({@code declare "A & B"}, not {@code A &amp; B}).
     */
    static String unescape(String text) {
        return text == null ? null : text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
