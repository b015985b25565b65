package io.sitrep.incident.command;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words. Quotes group words ({@code "rolled back"}, {@code 'x'}, and
 * the curly quotes chat clients substitute, “like these”); a backslash escapes the next
 * character inside double quotes. Double and curly quotes may open inside a word
 * ({@code --service="ConnectMe (EU)"}); a single quote opens only at a word's start, so
 * {@code don't} stays an apostrophe.
 */
public final class Tokenizer {

    /** A word, and whether it began with a quote (a quoted {@code "--sev"} is text, not a flag). */
    public record Token(String text, boolean quoted) {
    }

    private Tokenizer() {
    }

    public static List<Token> tokenize(String line) {
        List<Token> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inWord = false;
        boolean quoted = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            char closing = closingQuote(c);
            if (closing == '\'' && inWord) {
                closing = 0;
            }
            if (closing != 0) {
                int end = findClosing(line, i + 1, closing);
                if (end < 0) {
                    throw new GrammarException("There is an unclosed quote " + c + " in your command; close it and try again.");
                }
                current.append(unescape(line.substring(i + 1, end), closing));
                quoted = quoted || !inWord;
                inWord = true;
                i = end + 1;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    tokens.add(new Token(current.toString(), quoted));
                    current.setLength(0);
                    inWord = false;
                    quoted = false;
                }
                i++;
            } else {
                current.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            tokens.add(new Token(current.toString(), quoted));
        }
        return tokens;
    }

    private static char closingQuote(char c) {
        return switch (c) {
            case '"' -> '"';
            case '\'' -> '\'';
            case '\u201C' -> '\u201D';
            case '\u2018' -> '\u2019';
            default -> 0;
        };
    }

    private static int findClosing(String line, int from, char closing) {
        for (int i = from; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && closing == '"' && i + 1 < line.length()) {
                i++;
            } else if (c == closing) {
                return i;
            }
        }
        return -1;
    }

    private static String unescape(String quoted, char closing) {
        if (closing != '"' || quoted.indexOf('\\') < 0) {
            return quoted;
        }
        StringBuilder out = new StringBuilder(quoted.length());
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c == '\\' && i + 1 < quoted.length()) {
                c = quoted.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }
}
