package io.sitrep.integrations.chat.discord;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DiscordTextTest {

    @Test
    void inlineMarkdownAndMentionsAreEscapedAnywhere() {
        assertThat(DiscordText.escape("*all* regions _down_ ~~x~~ `code` ||spoiler||"))
                .isEqualTo("\\*all\\* regions \\_down\\_ \\~\\~x\\~\\~ \\`code\\` \\|\\|spoiler\\|\\|");
        assertThat(DiscordText.escape("[click](http://evil.example)")).isEqualTo("\\[click\\](http://evil.example)");
        assertThat(DiscordText.escape("ping <@&123> and @everyone")).isEqualTo("ping \\<\\@&123> and \\@everyone");
        assertThat(DiscordText.escape("back\\slash")).isEqualTo("back\\\\slash");
    }

    @Test
    void blockMarkdownIsEscapedOnlyWhereItActsAtTheStartOfALine() {
        assertThat(DiscordText.escape("# big\n  > quoted\n-# small\n- item\nINC-7 eu-west-1 > 5%"))
                .isEqualTo("\\# big\n  \\> quoted\n\\-# small\n\\- item\nINC-7 eu-west-1 > 5%");
    }

    @Test
    void theIncidentChannelNameBecomesALinkAndTheRestIsEscaped() {
        assertThat(DiscordText.withChannelLink("Follow #inc-7-api *now* in #inc-7-api", "inc-7-api", "5031"))
                .isEqualTo("Follow <#5031> \\*now\\* in <#5031>");
        assertThat(DiscordText.withChannelLink("Follow #inc-7-api", "inc-7-api", null)).isEqualTo("Follow #inc-7-api");
    }

    @Test
    void cuttingNeverLeavesALoneEscapingBackslash() {
        String escaped = DiscordText.escape("abc*def");
        assertThat(escaped).isEqualTo("abc\\*def");
        assertThat(DiscordText.truncate(escaped, 5)).isEqualTo("abc…");
        assertThat(DiscordText.truncate(escaped, 6)).isEqualTo("abc\\*…");
        assertThat(DiscordText.truncate("short", 10)).isEqualTo("short");
    }
}
