package io.sitrep.integrations.chat.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import java.util.List;

import com.slack.api.model.block.LayoutBlock;

import io.sitrep.integrations.chat.CardAction;

/** A reminder as Block Kit: its text, then Post update… and Snooze 15 min. */
final class ReminderBlocks {

    /** The snooze button: runs {@code remind <incident> snooze 15}; its value is the incident id. */
    static final String SNOOZE_ACTION = "sitrep.reminder.snooze";
    static final int SNOOZE_MINUTES = 15;
    private static final int SECTION_LIMIT = 3000;

    private ReminderBlocks() {
    }

    /** @param slackText already escaped for Slack */
    static List<LayoutBlock> render(String slackText, String incident) {
        String text = slackText.length() > SECTION_LIMIT ? slackText.substring(0, SECTION_LIMIT - 1) + "…" : slackText;
        return List.of(
                section(s -> s.text(markdownText(text))),
                actions(a -> a.blockId("sitrep.reminder.actions").elements(List.of(
                        button(b -> b.actionId(IncidentCardBlocks.ACTION_PREFIX + CardAction.POST_UPDATE.command())
                                .text(plainText(CardAction.POST_UPDATE.label() + "…")).value(incident).style("primary")),
                        button(b -> b.actionId(SNOOZE_ACTION).text(plainText("Snooze " + SNOOZE_MINUTES + " min"))
                                .value(incident))))));
    }
}
