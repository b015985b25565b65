package io.sitrep.bot.oncall;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Reads {@code people.yml}, {@code schedules/*.yml} and {@code policies/*.yml} and checks them
 * completely: every problem is reported with file, line and reason, a schedule or policy with a
 * problem is left out, and the valid ones load.
 */
public final class OnCallLoader {

    /** One file's name (relative to the on-call directory) and text. */
    public record SourceFile(String name, String text) {
    }

    static final String PEOPLE_FILE = "people.yml";
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private OnCallLoader() {
    }

    /** @param directory null or absent: nothing on call */
    public static OnCallDirectory load(Path directory) {
        if (directory == null || !Files.isDirectory(directory)) {
            return OnCallDirectory.EMPTY;
        }
        List<SourceFile> files = new ArrayList<>();
        List<OnCallProblem> unreadable = new ArrayList<>();
        for (Path file : files(directory)) {
            String name = directory.relativize(file).toString().replace('\\', '/');
            try {
                files.add(new SourceFile(name, Files.readString(file, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                unreadable.add(new OnCallProblem(name, 0, "could not be read: " + e.getMessage()));
            }
        }
        OnCallDirectory loaded = load(files);
        if (unreadable.isEmpty()) {
            return loaded;
        }
        List<OnCallProblem> problems = new ArrayList<>(unreadable);
        problems.addAll(loaded.problems());
        return new OnCallDirectory(loaded.people(), loaded.schedules(), loaded.policies(), problems);
    }

    /** The files that make up the on-call directory, in the order they are read. */
    static List<Path> files(Path directory) {
        List<Path> files = new ArrayList<>();
        if (Files.isRegularFile(directory.resolve(PEOPLE_FILE))) {
            files.add(directory.resolve(PEOPLE_FILE));
        }
        for (String folder : List.of("schedules", "policies")) {
            Path dir = directory.resolve(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> listed = Files.list(dir)) {
                listed.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).sorted()
                        .forEach(files::add);
            } catch (IOException e) {
                // Left out; a directory that cannot be listed has nothing to load.
            }
        }
        return files;
    }

    /** From files already read: {@code people.yml}, {@code schedules/…}, {@code policies/…}. */
    public static OnCallDirectory load(List<SourceFile> files) {
        List<OnCallProblem> problems = new ArrayList<>();
        Map<String, Person> people = new LinkedHashMap<>();
        files.stream().filter(f -> f.name().equals(PEOPLE_FILE)).forEach(f -> people(f, people, problems));
        Map<String, Schedule> schedules = new LinkedHashMap<>();
        Map<String, String> scheduleFiles = new LinkedHashMap<>();
        for (SourceFile file : files) {
            if (file.name().startsWith("schedules/")) {
                ScheduleReader reader = new ScheduleReader(file, people.keySet());
                Schedule schedule = reader.schedule();
                problems.addAll(reader.yaml.problems());
                if (schedule != null && scheduleFiles.containsKey(schedule.id())) {
                    problems.add(new OnCallProblem(file.name(), 1, "schedule '" + schedule.id() + "' is also defined in "
                            + scheduleFiles.get(schedule.id())));
                } else if (schedule != null) {
                    schedules.put(schedule.id(), schedule);
                    scheduleFiles.put(schedule.id(), file.name());
                }
                reader.idSeen().ifPresent(id -> scheduleFiles.putIfAbsent(id, file.name()));
            }
        }
        Map<String, EscalationPolicy> policies = new LinkedHashMap<>();
        for (SourceFile file : files) {
            if (file.name().startsWith("policies/")) {
                PolicyReader reader = new PolicyReader(file, people.keySet(), scheduleFiles.keySet(), schedules.keySet());
                EscalationPolicy policy = reader.policy();
                problems.addAll(reader.yaml.problems());
                if (policy != null && policies.containsKey(policy.id())) {
                    problems.add(new OnCallProblem(file.name(), 1, "policy '" + policy.id() + "' is also defined in "
                            + policies.get(policy.id()).file()));
                } else if (policy != null) {
                    policies.put(policy.id(), policy);
                }
            }
        }
        return new OnCallDirectory(people, schedules, policies, problems);
    }

    private static void people(SourceFile file, Map<String, Person> people, List<OnCallProblem> problems) {
        List<MappingNode> root = new ArrayList<>();
        YamlFile yaml = YamlFile.read(file.name(), file.text(), root);
        if (!root.isEmpty()) {
            Map<String, Node> fields = yaml.fields(root.get(0), Set.of("people"));
            if (!(fields.get("people") instanceof MappingNode entries)) {
                yaml.problem(fields.getOrDefault("people", root.get(0)), "people is required: a mapping of each "
                        + "person's key to their contacts, like ant: { slack: U0ANT, timezone: Europe/Berlin }");
            } else {
                for (NodeTuple entry : entries.getValue()) {
                    String key = yaml.scalar(entry.getKeyNode());
                    person(yaml, key, entry).ifPresent(p -> people.put(key, p));
                }
            }
        }
        problems.addAll(yaml.problems());
    }

    private static java.util.Optional<Person> person(YamlFile yaml, String key, NodeTuple entry) {
        if (!KEY.matcher(key).matches()) {
            yaml.problem(entry.getKeyNode(), "'" + key + "' is not a person's key: letters, digits, dots, dashes");
            return java.util.Optional.empty();
        }
        if (!(entry.getValueNode() instanceof MappingNode contacts)) {
            yaml.problem(entry.getValueNode(), key + " needs a mapping of contacts, like { slack: U0ANT, email: … }");
            return java.util.Optional.of(Person.unknown(key));
        }
        Map<String, Node> fields = yaml.fields(contacts, Set.of("slack", "discord", "email", "webhook",
                "pagerduty", "timezone"));
        return java.util.Optional.of(new Person(key, yaml.optional(fields.get("slack")),
                yaml.optional(fields.get("discord")), yaml.optional(fields.get("email")),
                yaml.optional(fields.get("webhook")), yaml.optional(fields.get("pagerduty")),
                zone(yaml, fields.get("timezone"))));
    }

    static ZoneId zone(YamlFile yaml, Node node) {
        String text = yaml.optional(node);
        if (text == null) {
            return null;
        }
        try {
            return ZoneId.of(text.strip());
        } catch (DateTimeException e) {
            yaml.problem(node, "unknown time zone '" + text + "'; use a name like Europe/Berlin or America/New_York");
            return null;
        }
    }

    static boolean validId(YamlFile yaml, Node node, String id, String what) {
        if (id != null && !ID.matcher(id).matches()) {
            yaml.problem(node, what + " id '" + id + "' must be lower case letters, digits, dashes and underscores");
            return false;
        }
        return id != null;
    }

    /** A Discord id: up to 20 digits. */
    static boolean isSnowflake(String id) {
        return !id.isEmpty() && id.length() <= 20 && id.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    static void knownPerson(YamlFile yaml, Node node, String key, Set<String> people) {
        if (!people.contains(key)) {
            yaml.problem(node, "'" + key + "' is named nowhere in " + PEOPLE_FILE);
        }
    }

    /** One schedule file. */
    private static final class ScheduleReader {
        final YamlFile yaml;
        private final List<MappingNode> root = new ArrayList<>();
        private final Set<String> people;
        private String id;

        ScheduleReader(SourceFile file, Set<String> people) {
            this.yaml = YamlFile.read(file.name(), file.text(), root);
            this.people = people;
        }

        java.util.Optional<String> idSeen() {
            return java.util.Optional.ofNullable(id);
        }

        Schedule schedule() {
            if (root.isEmpty()) {
                return null;
            }
            MappingNode mapping = root.get(0);
            Map<String, Node> fields = yaml.fields(mapping, Set.of("id", "name", "timezone", "layers",
                    "slack-usergroup", "discord-role"));
            String read = yaml.required(mapping, fields, "id");
            id = validId(yaml, fields.get("id"), read, "schedule") ? read : null;
            String name = fields.containsKey("name") ? yaml.optional(fields.get("name")) : id;
            if (!fields.containsKey("timezone")) {
                yaml.problem(mapping, "timezone is required: handoffs are local times in it, like Europe/Berlin");
            }
            ZoneId zone = zone(yaml, fields.get("timezone"));
            List<Layer> layers = layers(mapping, fields.get("layers"));
            String usergroup = yaml.optional(fields.get("slack-usergroup"));
            String role = yaml.optional(fields.get("discord-role"));
            if (role != null && !isSnowflake(role)) {
                yaml.problem(fields.get("discord-role"), "discord-role is a Discord role id, a number like "
                        + "\"1100000000000000099\" (Copy Role ID in Server Settings → Roles), not '" + role + "'");
            }
            return yaml.problemCount() == 0 ? new Schedule(id, name, zone, layers, usergroup, role, yaml.name) : null;
        }

        private List<Layer> layers(Node parent, Node node) {
            List<Node> entries = YamlFile.entries(node);
            if (entries.isEmpty()) {
                yaml.problem(node == null ? parent : node, "layers is required: a list of at least one layer");
            }
            List<Layer> layers = new ArrayList<>();
            Set<String> names = new java.util.HashSet<>();
            for (Node entry : entries) {
                if (!(entry instanceof MappingNode layer)) {
                    yaml.problem(entry, "a layer is a mapping with name, rotation, handoff, start and people");
                    continue;
                }
                Layer read = layer(layer);
                if (read != null && !names.add(read.name())) {
                    yaml.problem(layer, "two layers are named '" + read.name() + "'");
                }
                if (read != null) {
                    layers.add(read);
                }
            }
            return layers;
        }

        private Layer layer(MappingNode layer) {
            int before = yaml.problemCount();
            Map<String, Node> fields = yaml.fields(layer, Set.of("name", "rotation", "handoff", "start", "people",
                    "only"));
            String name = yaml.required(layer, fields, "name");
            Period length = rotation(layer, fields.get("rotation"));
            Handoff handoff = handoff(layer, fields.get("handoff"), length);
            LocalDate start = start(layer, fields.get("start"));
            List<String> names = yaml.list(fields.get("people"));
            if (names.isEmpty()) {
                yaml.problem(fields.getOrDefault("people", layer), "layer '" + name + "' has no people: list who takes "
                        + "turns, like people: [ant, bea]");
            }
            List<Node> nameNodes = YamlFile.entries(fields.get("people"));
            for (int i = 0; i < names.size(); i++) {
                knownPerson(yaml, nameNodes.get(i), names.get(i), people);
            }
            CoveredHours only = null;
            if (fields.containsKey("only")) {
                try {
                    only = CoveredHours.parse(yaml.scalar(fields.get("only")));
                } catch (IllegalArgumentException e) {
                    yaml.problem(fields.get("only"), e.getMessage());
                }
            }
            return yaml.problemCount() > before ? null : new Layer(name, length, handoff, start, names, only);
        }

        private Period rotation(Node layer, Node node) {
            if (node == null) {
                yaml.problem(layer, "rotation is required: daily, weekly or every: P3D");
                return null;
            }
            String text;
            if (node instanceof MappingNode every) {
                Map<String, Node> fields = yaml.fields(every, Set.of("every"));
                text = yaml.optional(fields.get("every"));
            } else {
                text = yaml.scalar(node).strip().toLowerCase(Locale.ROOT);
                if (text.equals("daily")) {
                    return Period.ofDays(1);
                }
                if (text.equals("weekly")) {
                    return Period.ofWeeks(1);
                }
                text = text.startsWith("every") ? text.substring(5).replace(":", "").strip() : null;
            }
            try {
                Period period = text == null ? null : Period.parse(text.toUpperCase(Locale.ROOT));
                if (period != null && period.toTotalMonths() == 0 && period.getDays() > 0) {
                    return period;
                }
            } catch (DateTimeParseException e) {
                // told below
            }
            yaml.problem(node, "rotation must be daily, weekly or every: followed by whole days or weeks (P3D, P2W)");
            return null;
        }

        private Handoff handoff(Node layer, Node node, Period length) {
            if (node == null) {
                yaml.problem(layer, "handoff is required: a local time, like \"09:00\" (or \"MON 09:00\" when weekly)");
                return null;
            }
            if (length == null) {
                return null; // the rotation's own problem says enough; its handoff's shape depends on it
            }
            try {
                return Handoff.parse(yaml.scalar(node), length.getDays() == 7);
            } catch (IllegalArgumentException e) {
                yaml.problem(node, e.getMessage());
                return null;
            }
        }

        private LocalDate start(Node layer, Node node) {
            String text = node == null ? null : yaml.scalar(node);
            if (text == null) {
                yaml.problem(layer, "start is required: the date of the first handoff, like 2026-11-30");
                return null;
            }
            try {
                return LocalDate.parse(text.strip());
            } catch (DateTimeParseException e) {
                yaml.problem(node, "'" + text + "' is not a date like 2026-11-30");
                return null;
            }
        }
    }

    /** One escalation policy file. */
    private static final class PolicyReader {
        final YamlFile yaml;
        private final List<MappingNode> root = new ArrayList<>();
        private final Set<String> people;
        private final Set<String> scheduleIds;
        private final Set<String> loadedSchedules;

        PolicyReader(SourceFile file, Set<String> people, Set<String> scheduleIds, Set<String> loadedSchedules) {
            this.yaml = YamlFile.read(file.name(), file.text(), root);
            this.people = people;
            this.scheduleIds = scheduleIds;
            this.loadedSchedules = loadedSchedules;
        }

        EscalationPolicy policy() {
            if (root.isEmpty()) {
                return null;
            }
            MappingNode mapping = root.get(0);
            Map<String, Node> fields = yaml.fields(mapping, Set.of("id", "services", "levels", "repeat"));
            String id = yaml.required(mapping, fields, "id");
            validId(yaml, fields.get("id"), id, "policy");
            List<String> services = yaml.list(fields.get("services"));
            List<EscalationPolicy.Level> levels = new ArrayList<>();
            List<Node> entries = YamlFile.entries(fields.get("levels"));
            if (entries.isEmpty()) {
                yaml.problem(fields.getOrDefault("levels", mapping), "levels is required: a list of at least one "
                        + "level, like - notify: [schedule:platform]");
            }
            for (Node entry : entries) {
                EscalationPolicy.Level level = level(entry);
                if (level != null) {
                    levels.add(level);
                }
            }
            int repeat = repeat(fields.get("repeat"));
            return yaml.problemCount() == 0 ? new EscalationPolicy(id, services, levels, repeat, yaml.name) : null;
        }

        private EscalationPolicy.Level level(Node node) {
            if (!(node instanceof MappingNode level)) {
                yaml.problem(node, "a level is a mapping with notify and escalate-after");
                return null;
            }
            Map<String, Node> fields = yaml.fields(level, Set.of("notify", "escalate-after"));
            List<EscalationPolicy.Target> targets = new ArrayList<>();
            List<String> names = yaml.list(fields.get("notify"));
            List<Node> nodes = YamlFile.entries(fields.get("notify"));
            if (names.isEmpty()) {
                yaml.problem(fields.getOrDefault("notify", level), "notify is required: schedule:<id> or person:<key>");
            }
            for (int i = 0; i < names.size(); i++) {
                EscalationPolicy.Target target = target(nodes.get(i), names.get(i));
                if (target != null) {
                    targets.add(target);
                }
            }
            Duration after = duration(level, fields.get("escalate-after"));
            return new EscalationPolicy.Level(targets, after);
        }

        private EscalationPolicy.Target target(Node node, String text) {
            int colon = text.indexOf(':');
            String kind = colon < 0 ? "" : text.substring(0, colon).strip();
            String id = colon < 0 ? "" : text.substring(colon + 1).strip();
            if (kind.equals("schedule")) {
                if (!scheduleIds.contains(id)) {
                    yaml.problem(node, "schedule '" + id + "' is defined in no file under schedules/");
                } else if (!loadedSchedules.contains(id)) {
                    yaml.problem(node, "schedule '" + id + "' did not load (see its own problems)");
                }
                return new EscalationPolicy.Target(EscalationPolicy.Target.Kind.SCHEDULE, id);
            }
            if (kind.equals("person")) {
                knownPerson(yaml, node, id, people);
                return new EscalationPolicy.Target(EscalationPolicy.Target.Kind.PERSON, id);
            }
            yaml.problem(node, "'" + text + "' is not a target: schedule:<id> or person:<key>");
            return null;
        }

        private Duration duration(Node level, Node node) {
            if (node == null) {
                yaml.problem(level, "escalate-after is required: how long before the next level, like PT5M");
                return null;
            }
            String text = yaml.scalar(node).strip();
            try {
                Duration duration = Duration.parse(text.startsWith("P") ? text : "PT" + text.toUpperCase(Locale.ROOT));
                if (!duration.isNegative() && !duration.isZero()) {
                    return duration;
                }
            } catch (DateTimeParseException e) {
                // told below
            }
            yaml.problem(node, "'" + text + "' is not a duration like PT5M or 10m");
            return null;
        }

        private int repeat(Node node) {
            String text = node == null ? "0" : yaml.scalar(node).strip();
            try {
                int repeat = Integer.parseInt(text);
                if (repeat >= 0 && repeat <= 100) {
                    return repeat;
                }
            } catch (NumberFormatException e) {
                // told below
            }
            yaml.problem(node, "repeat must be a whole number from 0 to 100");
            return 0;
        }
    }
}
