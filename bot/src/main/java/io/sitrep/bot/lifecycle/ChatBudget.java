package io.sitrep.bot.lifecycle;

import java.util.List;

/**
 * How long an answer in chat may grow: Discord takes 2,000 characters a message and Slack shows
 * long ones folded, so lists and timelines are summarised to fit every platform — the lines that
 * matter most, how many were left out, and where to see them all — rather than cut off mid-line.
 */
public final class ChatBudget {

    /** Under Discord's 2,000 with room for its escaping and a channel link. */
    public static final int CHARACTERS = 1_800;
    /** One line longer than this (a long note) is cut, so it can't take the whole answer. */
    static final int LINE = 300;

    private ChatBudget() {
    }

    /**
     * The header, then as many of {@code lines} (most important first) as fit with the footer
     * that says how many more there are; the shown lines keep the order {@code inOrder} gives them.
     *
     * @param more what to say about the {@code n} lines left out, e.g. "… and 12 more: GET /api/incidents"
     */
    static String fit(String header, List<String> lines, java.util.function.IntFunction<String> more,
                      java.util.function.UnaryOperator<List<String>> inOrder) {
        int room = CHARACTERS - header.length() - more.apply(lines.size()).length() - 2;
        List<String> shown = new java.util.ArrayList<>();
        int used = 0;
        for (String whole : lines) {
            String line = whole.length() <= LINE ? whole : whole.substring(0, LINE - 1) + "…";
            if (used + line.length() + 1 > room) {
                break;
            }
            shown.add(line);
            used += line.length() + 1;
        }
        StringBuilder s = new StringBuilder(header);
        inOrder.apply(shown).forEach(line -> s.append('\n').append(line));
        if (shown.size() < lines.size()) {
            s.append('\n').append(more.apply(lines.size() - shown.size()));
        }
        return s.toString();
    }
}
