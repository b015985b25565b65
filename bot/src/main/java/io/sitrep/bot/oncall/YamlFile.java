package io.sitrep.bot.oncall;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * One on-call YAML file read as nodes, which keep their lines, with every problem found in it
 * collected rather than stopping at the first.
 */
final class YamlFile {

    final String name;
    private final List<OnCallProblem> problems = new ArrayList<>();

    private YamlFile(String name) {
        this.name = name;
    }

    /** The file's root mapping, or null with the problem recorded. */
    static YamlFile read(String name, String text, List<MappingNode> root) {
        YamlFile file = new YamlFile(name);
        try {
            Node node = new Yaml(new LoaderOptions()).compose(new StringReader(text));
            if (node instanceof MappingNode mapping) {
                root.add(mapping);
            } else {
                file.problem(node, "expected a mapping of fields at the top of the file");
            }
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            file.problems.add(new OnCallProblem(name, line, "not valid YAML: " + e.getProblem()));
        } catch (YAMLException e) {
            file.problems.add(new OnCallProblem(name, 0, "not valid YAML: " + e.getMessage()));
        }
        return file;
    }

    List<OnCallProblem> problems() {
        return List.copyOf(problems);
    }

    int problemCount() {
        return problems.size();
    }

    void problem(Node node, String reason) {
        problems.add(new OnCallProblem(name, node == null ? 0 : node.getStartMark().getLine() + 1, reason));
    }

    /** The mapping's fields by name; unknown and repeated ones are problems. */
    Map<String, Node> fields(MappingNode mapping, Set<String> known) {
        Map<String, Node> fields = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = scalar(tuple.getKeyNode());
            if (!known.contains(key)) {
                problem(tuple.getKeyNode(), "unknown field '" + key + "' (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            } else if (fields.containsKey(key)) {
                problem(tuple.getKeyNode(), "'" + key + "' is given twice");
            } else {
                fields.put(key, tuple.getValueNode());
            }
        }
        return fields;
    }

    /** The value of a required single-valued field, or null with the problem recorded. */
    String required(Node parent, Map<String, Node> fields, String key) {
        Node node = fields.get(key);
        String value = optional(node);
        if (value == null || value.isBlank()) {
            problem(node == null ? parent : node, key + " is required");
            return null;
        }
        return value;
    }

    String optional(Node node) {
        return node == null ? null : scalar(node);
    }

    /** A list of single values; one value alone reads as a list of one. */
    List<String> list(Node node) {
        if (node == null) {
            return List.of();
        }
        if (node instanceof SequenceNode sequence) {
            return sequence.getValue().stream().map(this::scalar).toList();
        }
        return List.of(scalar(node));
    }

    String scalar(Node node) {
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        problem(node, "expected a single value here");
        return "";
    }

    /** The node of each entry of a list, for problems that name one entry's line. */
    static List<Node> entries(Node node) {
        return node instanceof SequenceNode sequence ? sequence.getValue() : node == null ? List.of() : List.of(node);
    }
}
