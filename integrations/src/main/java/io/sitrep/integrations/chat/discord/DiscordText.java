package io.sitrep.integrations.chat.discord;

/**
 * Text for Discord's markdown. Everything the core writes is plain text, and much of it was
 * typed by people (titles, updates, notes), so markdown is escaped where it would act: a title
 * like {@code *all* regions} shows as typed, {@code [x](http://…)} makes no masked link,
 * {@code # big} no heading, and {@code <@&123>} no role mention. A person's mention
 * {@code <@123>} stays one (role holders are kept so, to be notified); messages allow user
 * mentions only, never roles or everyone, so escaping is the second fence, not the only one.
 */
final class DiscordText {

    /** Inline markdown and mention syntax, meaningful anywhere in a line. */
    private static final String INLINE = "\\*_~`|<[]@";
    /** Block syntax, meaningful only first in a line: headings, subtext, quotes, bullets (numbered lists are harmless). */
    private static final String LINE_START = "#->+";
    /** {@code <@123>} after escaping; role and everyone mentions ({@code <@&1>}, {@code @everyone}) are not this. */
    private static final java.util.regex.Pattern KEPT_MENTION = java.util.regex.Pattern.compile("\\\\<\\\\@(\\d{5,25})>");

    private DiscordText() {
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        boolean lineStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (INLINE.indexOf(c) >= 0 || lineStart && LINE_START.indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
            if (c == '\n') {
                lineStart = true;
            } else if (!Character.isWhitespace(c)) {
                lineStart = false;
            }
        }
        // A person Sitrep keeps as a mention (a role holder) stays one, so they are notified.
        return KEPT_MENTION.matcher(escaped).replaceAll("<@$1>");
    }

    /** {@code coreText} escaped, with {@code #inc-7-…} made a link to the incident's Discord channel. */
    static String withChannelLink(String coreText, String incidentChannel, String channelId) {
        if (incidentChannel == null || channelId == null) {
            return escape(coreText);
        }
        String name = "#" + incidentChannel;
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int at = coreText.indexOf(name); at >= 0; at = coreText.indexOf(name, from)) {
            out.append(escape(coreText.substring(from, at))).append("<#").append(channelId).append('>');
            from = at + name.length();
        }
        return out.append(escape(coreText.substring(from))).toString();
    }

    /** Cut to Discord's {@code limit}, never leaving a lone escaping backslash at the end. */
    static String truncate(String text, int limit) {
        if (text.length() <= limit) {
            return text;
        }
        String cut = text.substring(0, limit - 1);
        int backslashes = 0;
        for (int i = cut.length() - 1; i >= 0 && cut.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return (backslashes % 2 == 1 ? cut.substring(0, cut.length() - 1) : cut) + "…";
    }
}
