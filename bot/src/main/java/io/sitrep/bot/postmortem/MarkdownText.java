package io.sitrep.bot.postmortem;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * User text made inert for GitHub-flavoured Markdown: the characters that could start
 * emphasis, code, a link or image, an HTML tag or a table cell are escaped everywhere, and
 * those that only mean something at the start of a line (headings, lists, quotes) there, so
 * text shows as typed, can't break the table it sits in, and can't turn into markup it was
 * not typed as. Everything else stays as typed, so the raw file reads well too.
 */
final class MarkdownText {

    private static final String SPECIAL = "\\`*_[]|~>";
    /** What starts a block at a line's start: {@code # }, {@code - }, {@code + }, {@code = }, {@code 1. }, {@code 1) }. */
    private static final Pattern BLOCK_START = Pattern.compile("(?m)^(\\s*)([#+=-]|\\d+(?=[.)]))");

    private MarkdownText() {
    }

    /** For running text; line breaks are kept as hard breaks. */
    static String inline(String text) {
        if (text == null || text.isBlank()) {
            return "—";
        }
        return escape(lines(text)).replace("\n", "  \n");
    }

    /** For a heading or a list item's value: one line, whatever was typed. */
    static String line(String text) {
        if (text == null || text.isBlank()) {
            return "—";
        }
        return escape(lines(text).replaceAll("\n+", " "));
    }

    /** For a table cell: line breaks become {@code <br>}, the only tag this document emits. */
    static String cell(String text) {
        if (text == null || text.isBlank()) {
            return "—";
        }
        return escape(lines(text)).replace("\n", "<br>");
    }

    /** Every line ending CommonMark knows (and Unicode's separators) as {@code \n}. */
    private static String lines(String text) {
        return text.strip().replace("\r\n", "\n").replace('\r', '\n').replace('\u2028', '\n').replace('\u2029', '\n');
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '&' -> out.append("&amp;");
                default -> {
                    if (SPECIAL.indexOf(c) >= 0) {
                        out.append('\\');
                    }
                    out.append(c);
                }
            }
        }
        Matcher blockStart = BLOCK_START.matcher(out);
        StringBuilder escaped = new StringBuilder(out.length() + 8);
        while (blockStart.find()) {
            String marker = blockStart.group(2);
            String replacement = Character.isDigit(marker.charAt(0)) ? marker + "\\" : "\\" + marker;
            blockStart.appendReplacement(escaped, Matcher.quoteReplacement(blockStart.group(1) + replacement));
        }
        blockStart.appendTail(escaped);
        return escaped.toString();
    }
}
