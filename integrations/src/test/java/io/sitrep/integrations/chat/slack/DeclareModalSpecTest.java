package io.sitrep.integrations.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.slack.api.model.block.InputBlock;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;

import io.sitrep.incident.command.CommandLine;
import io.sitrep.incident.command.CommandSpec;
import io.sitrep.incident.command.CommandSpecs;
import io.sitrep.incident.command.Parameter;

/** Slack's declare form is made from the declare command's spec, and its submission is that command. */
class DeclareModalSpecTest {

    private static final CommandSpec DECLARE = CommandSpecs.find("declare").orElseThrow();

    @Test
    void theFormHasAFieldForEveryArgumentAndFlagOfTheSpec() {
        View form = SlackModals.declare("C0OPS");

        List<String> fields = form.getBlocks().stream().map(b -> ((InputBlock) b).getBlockId()).toList();
        List<String> specified = java.util.stream.Stream.concat(DECLARE.arguments().stream(), DECLARE.flags().stream())
                .map(p -> p.label().replace(' ', '-')).toList();
        assertThat(fields).containsSubsequence(specified).contains("description").hasSize(specified.size() + 1);
    }

    @Test
    void theExampleFilledIntoTheFormComesBackAsTheSameCommand() {
        CommandLine example = CommandLine.parse(DECLARE.example());
        Map<String, Map<String, ViewState.Value>> values = new HashMap<>();
        put(values, DECLARE.arguments().get(0), example.args().get(0));
        example.flags().forEach((flag, given) -> put(values, DECLARE.flag(flag).orElseThrow(), String.join(", ", given)));
        ViewState state = new ViewState();
        state.setValues(values);

        String line = SlackModals.declareCommand(state);

        assertThat(CommandLine.parse(line)).isEqualTo(example);
    }

    private static void put(Map<String, Map<String, ViewState.Value>> values, Parameter parameter, String typed) {
        ViewState.Value value = new ViewState.Value();
        if (parameter.choices().isEmpty()) {
            value.setValue(typed);
        } else {
            ViewState.SelectedOption selected = new ViewState.SelectedOption();
            selected.setValue(typed);
            value.setSelectedOption(selected);
        }
        values.put(parameter.label().replace(' ', '-'), Map.of("value", value));
    }
}
