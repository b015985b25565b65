package io.sitrep.incident.command;

import java.util.List;
import java.util.Optional;

/**
 * A set of command specs and their groups, looked up by what is typed. {@link CommandSpecs#GRAMMAR}
 * is Sitrep's; tests make others (one with a flag more) to show that a spec alone is enough.
 */
public record Grammar(List<CommandSpec> commands, List<CommandSpecs.Group> groups) {

    public Grammar {
        commands = List.copyOf(commands);
        groups = List.copyOf(groups);
    }

    public Optional<CommandSpec> find(String name) {
        return commands.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Optional<CommandSpecs.Group> group(String name) {
        return groups.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    /** The verbs of a group, in order. */
    public List<CommandSpec> verbsOf(String group) {
        return commands.stream().filter(s -> s.group().filter(group::equals).isPresent()).toList();
    }

    /** The words a user may type first: each command's, and each group's once. */
    public List<String> firstWords() {
        return commands.stream().map(s -> s.group().orElse(s.name())).distinct().toList();
    }

    /** The same grammar with {@code spec} in place of the command of its name. */
    public Grammar with(CommandSpec spec) {
        return new Grammar(commands.stream().map(c -> c.name().equals(spec.name()) ? spec : c).toList(), groups);
    }
}
