package io.sitrep.integrations.chat.slack;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Slack's mrkdwn control characters in user text, both ways. */
final class SlackText {

    /**
     * What Slack writes for a person, a channel, a group or a link in escaped command text:
     * {@code <@U0BOB|bob>}, {@code <#C0OPS|ops>}, {@code <!subteam^S1|@oncall>}, {@code <!here>},
     * {@code <https://x|x>}.
     */
    private static final Pattern ENTITY = Pattern.compile("<([@#!])?([^<>|]*)(?:\\|([^<>]*))?>");
    /** A person's mention as Sitrep keeps it: it must reach Slack unescaped to notify. */
    private static final Pattern KEPT_MENTION = Pattern.compile("&lt;@([UW][A-Z0-9]+)&gt;");

    private SlackText() {
    }

    /** User text made safe for mrkdwn; a person kept as {@code <@U…>} stays a mention. */
    static String escape(String text) {
        String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return KEPT_MENTION.matcher(escaped).replaceAll("<@$1>");
    }

    /**
     * A slash command's text as the user meant it. Slack escapes {@code & < >}, and (with
     * {@code should_escape}) writes people, channels and links in angle brackets: a person
     * becomes Sitrep's kept mention {@code <@U0BOB>}, a channel {@code #ops}, a group
     * {@code @oncall}, a link its address.
     */
    static String unescape(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String kind = m.group(1);
            String body = m.group(2);
            String label = m.group(3);
            String meant;
            if ("@".equals(kind)) {
                meant = "<@" + body + ">";
            } else if ("#".equals(kind)) {
                meant = "#" + (label != null ? label : body);
            } else if ("!".equals(kind)) {
                meant = label != null ? label : "@" + body;
            } else {
                meant = body;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(meant));
        }
        m.appendTail(out);
        return out.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
