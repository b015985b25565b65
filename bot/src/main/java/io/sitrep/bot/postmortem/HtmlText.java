package io.sitrep.bot.postmortem;

/** User text as HTML text or attribute content: the five characters that could start markup are entities. */
final class HtmlText {

    private HtmlText() {
    }

    static String escape(String text) {
        if (text == null || text.isBlank()) {
            return "—";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
