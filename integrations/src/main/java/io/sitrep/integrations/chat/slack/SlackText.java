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
}
