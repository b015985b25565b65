package io.sitrep.integrations.chat.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import java.util.ArrayList;
import java.util.List;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;

import io.sitrep.integrations.chat.MessageAction;

/**
 * A message and its one-click answers as Block Kit: each button carries its command line as
 * its value ({@code runbook INC-7 step 3 done --runbook …}, {@code ack INC-7 --button}); a click runs it as the clicker.
 */
final class ActionBlocks {

    /** Buttons are {@code sitrep.run.<n>}; the adapter runs their value. */
    static final String ACTION_PREFIX = "sitrep.run.";
    private static final int SECTION_LIMIT = 3000;

    private ActionBlocks() {
    }

    /** @param slackText already escaped for Slack */
    static List<LayoutBlock> render(String slackText, List<MessageAction> actions) {
        String text = slackText.length() > SECTION_LIMIT ? slackText.substring(0, SECTION_LIMIT - 1) + "…" : slackText;
        List<BlockElement> buttons = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            MessageAction action = actions.get(i);
            buttons.add(button(b -> b.actionId(ACTION_PREFIX + buttons.size()).text(plainText(action.label()))
                    .value(action.commandLine())));
        }
        return List.of(section(s -> s.text(markdownText(text))), actions(a -> a.elements(buttons)));
    }

    /** Whether a clicked button's value is a command a button may run ({@link MessageAction#runnable}). */
    static boolean runnable(String commandLine) {
        return MessageAction.runnable(commandLine);
    }
}
