package io.sitrep.integrations.chat.slack;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.checkboxes;
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

import io.sitrep.incident.Severity;
import io.sitrep.incident.command.CommandSpec;
import io.sitrep.incident.command.CommandSpecs;
import io.sitrep.incident.command.Parameter;
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
    private static final CommandSpec DECLARE_SPEC = CommandSpecs.find("declare").orElseThrow();
    /** The declare command's arguments and flags, each a field of the form. */
    private static final List<Parameter> DECLARE_SPEC_FIELDS = java.util.stream.Stream.concat(
            DECLARE_SPEC.arguments().stream(), DECLARE_SPEC.flags().stream()).toList();

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

    /**
     * The declare form, made from the declare command's spec: a field per argument and flag
     * (choices as a select), and a description that becomes the first note. {@code channel} is
     * where {@code /incident declare} was typed, for the answer.
     */
    static View declare(String channel) {
        List<LayoutBlock> blocks = new ArrayList<>();
        for (Parameter parameter : DECLARE_SPEC_FIELDS) {
            blocks.add(field(parameter));
        }
        blocks.add(text("description", "Description", true, true, "What is known so far"));
        return view(v -> v.type("modal").callbackId(DECLARE).privateMetadata(channel)
                .title(viewTitle(t -> t.type("plain_text").text("Declare an incident")))
                .submit(viewSubmit(t -> t.type("plain_text").text("Declare")))
                .close(viewClose(t -> t.type("plain_text").text("Cancel")))
                .blocks(blocks));
    }

    private static LayoutBlock field(Parameter parameter) {
        String label = Character.toUpperCase(parameter.label().charAt(0)) + parameter.label().substring(1);
        if (parameter.kind() == Parameter.Kind.SWITCH) {
            String said = Character.toUpperCase(parameter.description().charAt(0)) + parameter.description().substring(1);
            return input(i -> i.blockId(blockId(parameter)).label(plainText(label)).optional(true)
                    .element(checkboxes(c -> c.actionId(VALUE).options(List.of(option(plainText(said), "true"))))));
        }
        if (parameter.choices().isEmpty()) {
            String hint = parameter.repeatable() ? "Several: separate with commas"
                    : parameter.kind() == Parameter.Kind.TEXT ? null : parameter.description();
            return text(blockId(parameter), label, !parameter.required(), false, hint);
        }
        List<OptionObject> options = parameter.choices().stream()
                .map(c -> option(plainText(c.label()), c.value())).toList();
        OptionObject initial = parameter.kind() == Parameter.Kind.SEVERITY
                ? options.get(Severity.DEFAULT.ordinal()) : null;
        return input(i -> i.blockId(blockId(parameter)).label(plainText(label)).optional(!parameter.required())
                .element(staticSelect(e -> e.actionId(VALUE).options(options).initialOption(initial))));
    }

    private static String blockId(Parameter parameter) {
        return parameter.label().replace(' ', '-');
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

    /** The declare command line a submitted declare form stands for: each field as its spec says. */
    static String declareCommand(ViewState state) {
        StringBuilder line = new StringBuilder(DECLARE_SPEC.name());
        for (Parameter argument : DECLARE_SPEC.arguments()) {
            String value = value(state, argument);
            if (!value.isBlank()) {
                line.append(' ').append(CardAction.quoteArgument(value.strip()));
            }
        }
        for (Parameter flag : DECLARE_SPEC.flags()) {
            if (flag.kind() == Parameter.Kind.SWITCH) {
                ViewState.Value ticked = field(state, blockId(flag));
                if (ticked != null && ticked.getSelectedOptions() != null && !ticked.getSelectedOptions().isEmpty()) {
                    line.append(" --").append(flag.name());
                }
                continue;
            }
            String value = value(state, flag);
            List<String> values = flag.repeatable() ? List.of(value.split("[,\\s]+")) : List.of(value);
            for (String one : values) {
                if (!one.isBlank()) {
                    line.append(" --").append(flag.name()).append(' ').append(CardAction.quoteArgument(one.strip()));
                }
            }
        }
        return line.toString();
    }

    private static String value(ViewState state, Parameter parameter) {
        return parameter.choices().isEmpty() ? value(state, blockId(parameter)) : selected(state, blockId(parameter));
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
