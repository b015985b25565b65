package io.sitrep.bot.runbook;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads one runbook file and checks it completely: bad YAML, missing or unknown fields, an
 * unknown step kind, duplicate step ids, a {@code requires} naming no step or forming a cycle,
 * a check step without a check. Every problem names the file and the line it is on.
 */
public final class RunbookLoader {

    /** A loaded runbook, or why not. */
    public record Result(Optional<Runbook> runbook, List<RunbookProblem> problems) {
    }

    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]*");

    private RunbookLoader() {
    }

    public static Result load(String file, String text) {
        Node root;
        try {
            root = new Yaml().compose(new java.io.StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            return failed(new RunbookProblem(file, line, "not valid YAML: " + e.getProblem()));
        } catch (YAMLException e) {
            return failed(new RunbookProblem(file, 0, "not valid YAML: " + e.getMessage()));
        }
        if (!(root instanceof MappingNode mapping)) {
            return failed(new RunbookProblem(file, root == null ? 0 : line(root),
                    "a runbook is a mapping with id, title, match and steps"));
        }
        Reader reader = new Reader(file);
        Runbook runbook = reader.runbook(mapping);
        return reader.problems.isEmpty() ? new Result(Optional.of(runbook), List.of())
                : new Result(Optional.empty(), List.copyOf(reader.problems));
    }

    private static Result failed(RunbookProblem problem) {
        return new Result(Optional.empty(), List.of(problem));
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    /** Reads one file, collecting every problem instead of stopping at the first. */
    private static final class Reader {
        private final String file;
        private final List<RunbookProblem> problems = new ArrayList<>();

        Reader(String file) {
            this.file = file;
        }

        Runbook runbook(MappingNode root) {
            Map<String, Node> fields = fields(root, Set.of("id", "title", "match", "steps"));
            String id = required(root, fields, "id");
            if (id != null && !ID.matcher(id).matches()) {
                problem(fields.get("id"), "id '" + id + "' must be lower case letters, digits and dashes");
            }
            String title = required(root, fields, "title");
            Runbook.Match match = match(root, fields.get("match"));
            List<Runbook.Step> steps = steps(root, fields.get("steps"));
            return new Runbook(id, title, match, steps, file);
        }

        private Runbook.Match match(Node parent, Node node) {
            if (!(node instanceof MappingNode mapping)) {
                problem(node == null ? parent : node, "match is required: service, region, alert, labels, severity "
                        + "or keywords");
                return new Runbook.Match(List.of(), List.of(), List.of(), Map.of(), List.of(), List.of());
            }
            Map<String, Node> fields = fields(mapping, Set.of("service", "region", "alert", "labels", "severity",
                    "keywords"));
            if (fields.isEmpty()) {
                problem(mapping, "match needs at least one rule");
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (fields.get("labels") instanceof MappingNode labelNode) {
                for (NodeTuple tuple : labelNode.getValue()) {
                    labels.put(scalar(tuple.getKeyNode()), scalar(tuple.getValueNode()));
                }
            }
            return new Runbook.Match(list(fields.get("service")), list(fields.get("region")), list(fields.get("alert")),
                    labels, list(fields.get("severity")).stream().map(s -> s.toUpperCase(Locale.ROOT)).toList(),
                    list(fields.get("keywords")));
        }

        private List<Runbook.Step> steps(Node parent, Node node) {
            if (!(node instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
                problem(node == null ? parent : node, "steps is required: a list of at least one step");
                return List.of();
            }
            List<Runbook.Step> steps = new ArrayList<>();
            Map<String, Node> seen = new HashMap<>();
            for (Node stepNode : sequence.getValue()) {
                if (!(stepNode instanceof MappingNode step)) {
                    problem(stepNode, "a step is a mapping with id, title and kind");
                    continue;
                }
                Map<String, Node> fields = fields(step, Set.of("id", "title", "instructions", "kind", "requires", "warn",
                        "check"));
                String id = required(step, fields, "id");
                if (id != null && seen.containsKey(id)) {
                    problem(fields.get("id"), "duplicate step id '" + id + "' (first on line " + line(seen.get(id)) + ")");
                } else if (id != null) {
                    seen.put(id, fields.get("id"));
                }
                String title = required(step, fields, "title");
                Runbook.Kind kind = kind(step, fields.get("kind"));
                Runbook.Check check = fields.containsKey("check") ? check(fields.get("check")) : null;
                if (kind == Runbook.Kind.CHECK && check == null) {
                    problem(step, "step '" + id + "' is a check step but has no check (health or http)");
                }
                steps.add(new Runbook.Step(id, title, scalarOrNull(fields.get("instructions")), kind,
                        list(fields.get("requires")), scalarOrNull(fields.get("warn")), check));
            }
            for (int i = 0; i < steps.size(); i++) {
                for (String required : steps.get(i).requires()) {
                    if (!seen.containsKey(required)) {
                        problem(sequence.getValue().get(i), "step '" + steps.get(i).id() + "' requires '" + required
                                + "', which is no step of this runbook");
                    }
                }
            }
            cycle(steps, seen);
            return steps;
        }

        private void cycle(List<Runbook.Step> steps, Map<String, Node> lines) {
            Map<String, List<String>> requires = new HashMap<>();
            steps.forEach(s -> requires.put(s.id(), s.requires()));
            Set<String> done = new HashSet<>();
            for (Runbook.Step step : steps) {
                List<String> path = new ArrayList<>();
                if (visit(step.id(), requires, path, new HashSet<>(), done)) {
                    problem(lines.get(path.get(path.size() - 1)), "requires form a cycle: " + String.join(" → ", path));
                    return;
                }
            }
        }

        private boolean visit(String id, Map<String, List<String>> requires, List<String> path, Set<String> onPath,
                              Set<String> done) {
            path.add(id);
            if (onPath.contains(id)) {
                return true;
            }
            if (done.contains(id) || !requires.containsKey(id)) {
                path.remove(path.size() - 1);
                return false;
            }
            onPath.add(id);
            for (String next : requires.get(id)) {
                if (visit(next, requires, path, onPath, done)) {
                    return true;
                }
            }
            onPath.remove(id);
            done.add(id);
            path.remove(path.size() - 1);
            return false;
        }

        private Runbook.Kind kind(Node step, Node node) {
            String kind = node == null ? "manual" : scalar(node);
            try {
                return Runbook.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problem(node == null ? step : node, "unknown kind '" + kind + "': manual, check or confirm");
                return Runbook.Kind.MANUAL;
            }
        }

        private Runbook.Check check(Node node) {
            if (!(node instanceof MappingNode mapping)) {
                problem(node, "a check is a mapping: health or http, with timeout and healthy-for");
                return null;
            }
            Map<String, Node> fields = fields(mapping, Set.of("health", "healthy-for", "http", "timeout"));
            String health = scalarOrNull(fields.get("health"));
            String http = scalarOrNull(fields.get("http"));
            if ((health == null) == (http == null)) {
                problem(mapping, "a check names exactly one of health (a target) or http (a URL)");
            }
            return new Runbook.Check(health, duration(fields.get("healthy-for"), Duration.ZERO), http,
                    duration(fields.get("timeout"), Duration.ofSeconds(5)));
        }

        private Duration duration(Node node, Duration otherwise) {
            if (node == null) {
                return otherwise;
            }
            String text = scalar(node);
            try {
                return Duration.parse(text.startsWith("P") ? text : "PT" + text.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                problem(node, "'" + text + "' is not a duration (2m, 30s, PT2M)");
                return otherwise;
            }
        }

        private Map<String, Node> fields(MappingNode mapping, Set<String> known) {
            Map<String, Node> fields = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                String key = scalar(tuple.getKeyNode());
                if (!known.contains(key)) {
                    problem(tuple.getKeyNode(), "unknown field '" + key + "' (known: " + String.join(", ", known.stream()
                            .sorted().toList()) + ")");
                } else if (fields.containsKey(key)) {
                    problem(tuple.getKeyNode(), "'" + key + "' is given twice");
                } else {
                    fields.put(key, tuple.getValueNode());
                }
            }
            return fields;
        }

        private String required(Node parent, Map<String, Node> fields, String key) {
            Node node = fields.get(key);
            String value = scalarOrNull(node);
            if (value == null || value.isBlank()) {
                problem(node == null ? parent : node, key + " is required");
                return null;
            }
            return value;
        }

        private List<String> list(Node node) {
            if (node == null) {
                return List.of();
            }
            if (node instanceof SequenceNode sequence) {
                return sequence.getValue().stream().map(this::scalar).toList();
            }
            return List.of(scalar(node));
        }

        private String scalarOrNull(Node node) {
            return node == null ? null : scalar(node);
        }

        private String scalar(Node node) {
            if (node instanceof ScalarNode scalar) {
                return scalar.getValue();
            }
            problem(node, "expected a single value here");
            return "";
        }

        private void problem(Node node, String reason) {
            problems.add(new RunbookProblem(file, node == null ? 0 : line(node), reason));
        }
    }
}
