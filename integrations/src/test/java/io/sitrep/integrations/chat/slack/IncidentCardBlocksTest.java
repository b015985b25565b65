package io.sitrep.integrations.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;

import io.sitrep.integrations.chat.IncidentCard;

/** The card stays within Block Kit's limits and never lets user text act as markup. */
class IncidentCardBlocksTest {

    @Test
    void cutsFieldsToSlacksLimitWithoutBreakingAnEntity() {
        List<String> nodes = IntStream.range(1000, 1300).mapToObj(n -> "node-&-" + n).toList();
        IncidentCard card = new IncidentCard("INC-1", "Fleet down", "Investigating", "SEV1",
                Map.of("commander", "alice"), "svc", "eu", nodes, null, null, false, List.of());

        SectionBlock fields = (SectionBlock) IncidentCardBlocks.render(card).get(1);

        assertThat(fields.getFields()).allSatisfy(field -> {
            String text = ((MarkdownTextObject) field).getText();
            assertThat(text).hasSizeLessThanOrEqualTo(2000);
            assertThat(text.replaceAll("&amp;", "")).doesNotContain("&");
        });
    }

    @Test
    void escapesUserTextInFieldsAndCutsALongTitle() {
        IncidentCard card = new IncidentCard("INC-1", "x".repeat(300), "Investigating", "SEV1",
                Map.of("commander", "<!channel>"), "<https://evil|click>", null, List.of(), null, null, true, List.of());

        List<com.slack.api.model.block.LayoutBlock> blocks = IncidentCardBlocks.render(card);

        assertThat(((HeaderBlock) blocks.get(0)).getText().getText()).hasSizeLessThanOrEqualTo(150);
        List<String> texts = ((SectionBlock) blocks.get(1)).getFields().stream()
                .map(f -> ((MarkdownTextObject) f).getText()).toList();
        assertThat(texts).contains("*Commander*\n&lt;!channel&gt;", "*Service*\n&lt;https://evil|click&gt;");
        assertThat(String.join("", texts)).doesNotContain("<!channel>", "<https://");
    }
}
