package io.sitrep.incident.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.sitrep.incident.command.Tokenizer.Token;

/** {@link Tokenizer}: how a typed line splits into words. */
class TokenizerTest {

    private static List<String> words(String line) {
        return Tokenizer.tokenize(line).stream().map(Token::text).toList();
    }

    @Test
    void splitsOnAnyRunOfWhitespace() {
        assertThat(words("  resolved\t INC-7   now  ")).containsExactly("resolved", "INC-7", "now");
    }

    @Test
    void emptyAndBlankLinesHaveNoWords() {
        assertThat(Tokenizer.tokenize("")).isEmpty();
        assertThat(Tokenizer.tokenize("   \t ")).isEmpty();
    }

    @Test
    void doubleQuotesGroupWords() {
        assertThat(Tokenizer.tokenize("resolved \"rolled back\" now")).containsExactly(
                new Token("resolved", false), new Token("rolled back", true), new Token("now", false));
    }

    @Test
    void singleQuotesGroupWords() {
        assertThat(Tokenizer.tokenize("cancel 'false alarm'")).containsExactly(
                new Token("cancel", false), new Token("false alarm", true));
    }

    @Test
    void curlyDoubleQuotesFromChatClientsGroupWords() {
        assertThat(Tokenizer.tokenize("identified \u201Ccache deadlock on node 3\u201D")).containsExactly(
                new Token("identified", false), new Token("cache deadlock on node 3", true));
    }

    @Test
    void curlySingleQuotesGroupWords() {
        assertThat(Tokenizer.tokenize("note \u2018pod restarted\u2019")).containsExactly(
                new Token("note", false), new Token("pod restarted", true));
    }

    @Test
    void aStraightQuoteInsideCurlyQuotesIsText() {
        assertThat(words("note \u201Cthe \"health\" probe\u201D")).containsExactly("note", "the \"health\" probe");
    }

    @Test
    void backslashEscapesAQuoteInsideDoubleQuotes() {
        assertThat(words("note \"the probe said \\\"waiting\\\" for 2h\"")).containsExactly(
                "note", "the probe said \"waiting\" for 2h");
    }

    @Test
    void backslashEscapesABackslashInsideDoubleQuotes() {
        assertThat(words("note \"C:\\\\logs\"")).containsExactly("note", "C:\\logs");
    }

    @Test
    void backslashIsLiteralInsideSingleQuotesAndOutsideQuotes() {
        assertThat(words("note 'a\\b' c\\d")).containsExactly("note", "a\\b", "c\\d");
    }

    @Test
    void quotedPartsJoinTheWordTheyTouchWithoutMakingItAQuotedWord() {
        assertThat(Tokenizer.tokenize("pre\"fix and\"post")).containsExactly(new Token("prefix andpost", false));
    }

    @Test
    void emptyQuotesAreAnEmptyQuotedWord() {
        assertThat(Tokenizer.tokenize("note \"\"")).containsExactly(new Token("note", false), new Token("", true));
    }

    @Test
    void aQuotedFlagIsMarkedQuotedSoItStaysText() {
        assertThat(Tokenizer.tokenize("note \"--sev\" --sev")).containsExactly(
                new Token("note", false), new Token("--sev", true), new Token("--sev", false));
    }

    @Test
    void rejectsAnUnclosedDoubleQuoteWithAClearMessage() {
        assertThatThrownBy(() -> Tokenizer.tokenize("resolved \"rolled back"))
                .isInstanceOf(GrammarException.class)
                .hasMessageContaining("unclosed quote \"")
                .hasMessageContaining("close it");
    }

    @Test
    void rejectsAnUnclosedSingleQuote() {
        assertThatThrownBy(() -> Tokenizer.tokenize("cancel 'dup"))
                .isInstanceOf(GrammarException.class)
                .hasMessageContaining("unclosed quote '");
    }

    @Test
    void rejectsAnUnclosedCurlyQuote() {
        assertThatThrownBy(() -> Tokenizer.tokenize("identified \u201Ccache deadlock"))
                .isInstanceOf(GrammarException.class)
                .hasMessageContaining("unclosed quote \u201C");
    }

    @Test
    void anEscapedClosingQuoteDoesNotCloseTheString() {
        assertThatThrownBy(() -> Tokenizer.tokenize("note \"dangling\\\""))
                .isInstanceOf(GrammarException.class)
                .hasMessageContaining("unclosed quote");
    }

    @Test
    void keepsAnApostropheInsideAWord() {
        assertThat(words("note don't restart the pod")).containsExactly("note", "don't", "restart", "the", "pod");
    }

    @Test
    void groupsAQuotedValueInsideAFlagWordWithoutMarkingTheWordQuoted() {
        assertThat(Tokenizer.tokenize("--service=\"ConnectMe (EU)\"")).containsExactly(
                new Tokenizer.Token("--service=ConnectMe (EU)", false));
    }
}
