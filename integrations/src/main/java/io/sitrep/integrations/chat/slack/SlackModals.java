package io.sitrep.integrations.chat.slack;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;

import io.sitrep.integrations.chat.CardAction;

/**
 * The modals: declaring an incident, and asking for the text of a card action (the update, the
 * resolution, …). A submission becomes an ordinary command line of the one grammar, with the
 * typed text quoted so that it stays one argument and is never read as a flag.
 */
final class SlackModals {

    static final String DECLARE = "sitrep.declare";
    static final String CARD_ACTION = "sitrep.card-action";
    /** Every input's element has this action id; blocks are told apart by their block id. */
    private static final String VALUE = "value";
    private static final List<String> SEVERITIES = List.of("SEV1", "SEV2", "SEV3", "SEV4");
    private static final String DEFAULT_SEVERITY = "SEV3";

    /** Where a card action's modal came from and what it will run: {@code INC-7|resolved|C0123}. */
    record CardActionContext(String incident, CardAction action, String channel) {

        String encode() {
            return incident + "|" + action.command() + "|" + channel;
        }

        static Optional<CardActionContext> decode(String metadata) {
            String[] parts = metadata == null ? new String[0] : metadata.split("\\|", -1);
            if (parts.length != 3) {
                return Optional.empty();
            }
            return CardAction.byCommand(parts[1]).map(action -> new CardActionContext(parts[0], action, parts[2]));
        }
    }

    private SlackModals() {
    }

    /** The declare form; {@code channel} is where {@code /incident declare} was typed, for the answer. */
    static View declare(String channel) {
        List<OptionObject> severities = SEVERITIES.stream().map(s -> option(plainText(s), s)).toList();
        OptionObject initial = severities.get(SEVERITIES.indexOf(DEFAULT_SEVERITY));
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(text("title", "Title", false, false, "What is broken, for whom"));
        blocks.add(input(i -> i.blockId("severity").label(plainText("Severity"))
                .element(staticSelect(s -> s.actionId(VALUE).options(severities).initialOption(initial)))));
        blocks.add(text("service", "Service", true, false, null));
        blocks.add(text("region", "Region", true, false, null));
        blocks.add(text("nodes", "Nodes", true, false, "Comma-separated"));
        blocks.add(text("description", "Description", true, true, "What is known so far"));
        return view(v -> v.type("modal").callbackId(DECLARE).privateMetadata(channel)
                .title(viewTitle(t -> t.type("plain_text").text("Declare an incident")))
                .submit(viewSubmit(t -> t.type("plain_text").text("Declare")))
                .close(viewClose(t -> t.type("plain_text").text("Cancel")))
                .blocks(blocks));
    }

    /** The modal asking for a card action's text. */
    static View cardAction(CardActionContext context) {
        CardAction action = context.action();
        String title = action.label() + " " + context.incident();
        return view(v -> v.type("modal").callbackId(CARD_ACTION).privateMetadata(context.encode())
                .title(viewTitle(t -> t.type("plain_text").text(title.length() > 24 ? action.label() : title)))
                .submit(viewSubmit(t -> t.type("plain_text").text(action.label())))
                .close(viewClose(t -> t.type("plain_text").text("Cancel")))
                .blocks(List.of(text("text", action.prompt(), false, true, null))));
    }

    /** The declare command line a submitted declare form stands for. */
    static String declareCommand(ViewState state) {
        StringBuilder line = new StringBuilder("declare ").append(CardAction.quoteArgument(value(state, "title")));
        String severity = selected(state, "severity");
        line.append(" --sev ").append(SEVERITIES.contains(severity) ? severity : DEFAULT_SEVERITY);
        appendFlag(line, "service", value(state, "service"));
        appendFlag(line, "region", value(state, "region"));
        appendFlag(line, "node", value(state, "nodes"));
        return line.toString();
    }

    /** The description typed into the declare form, if any. */
    static Optional<String> description(ViewState state) {
        String text = value(state, "description");
        return text.isBlank() ? Optional.empty() : Optional.of(text.strip());
    }

    /** The text typed into a card action's modal. */
    static String actionText(ViewState state) {
        return value(state, "text");
    }

    private static void appendFlag(StringBuilder line, String flag, String value) {
        if (!value.isBlank()) {
            line.append(" --").append(flag).append(' ').append(CardAction.quoteArgument(value.strip()));
        }
    }

    private static LayoutBlock text(String blockId, String label, boolean optional, boolean multiline, String hint) {
        return input(i -> i.blockId(blockId).label(plainText(label)).optional(optional)
                .hint(hint == null ? null : plainText(hint))
                .element(plainTextInput(p -> p.actionId(VALUE).multiline(multiline))));
    }

    private static String value(ViewState state, String blockId) {
        ViewState.Value value = field(state, blockId);
        return value == null || value.getValue() == null ? "" : value.getValue();
    }

    private static String selected(ViewState state, String blockId) {
        ViewState.Value value = field(state, blockId);
        return value == null || value.getSelectedOption() == null ? "" : value.getSelectedOption().getValue();
    }

    private static ViewState.Value field(ViewState state, String blockId) {
        if (state == null || state.getValues() == null) {
            return null;
        }
        Map<String, ViewState.Value> block = state.getValues().get(blockId);
        return block == null ? null : block.get(VALUE);
    }
}
