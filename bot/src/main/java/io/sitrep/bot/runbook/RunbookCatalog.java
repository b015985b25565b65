package io.sitrep.bot.runbook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import io.sitrep.incident.Incident;

/**
 * The runbooks Sitrep knows: the shipped ones ({@code runbooks/*.yml} on the class path) and the
 * user's ({@code sitrep.runbooks.dir}), where a user runbook replaces a shipped one with the
 * same id. Broken files are reported and left out; the valid ones still load.
 */
public final class RunbookCatalog {

    private static final Logger log = LoggerFactory.getLogger(RunbookCatalog.class);

    private final Map<String, Runbook> byId;
    private final List<RunbookProblem> problems;

    private RunbookCatalog(Map<String, Runbook> byId, List<RunbookProblem> problems) {
        this.byId = byId;
        this.problems = List.copyOf(problems);
    }

    /** @param userDirectory null or absent: shipped runbooks only */
    public static RunbookCatalog load(Path userDirectory) {
        Map<String, Runbook> byId = new TreeMap<>();
        List<RunbookProblem> problems = new ArrayList<>();
        for (Map.Entry<String, String> file : shipped().entrySet()) {
            add(RunbookLoader.load(file.getKey(), file.getValue()), byId, problems);
        }
        if (userDirectory != null && Files.isDirectory(userDirectory)) {
            try (Stream<Path> files = Files.list(userDirectory)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
                        .sorted().toList()) {
                    add(RunbookLoader.load(file.toString(), Files.readString(file, StandardCharsets.UTF_8)), byId, problems);
                }
            } catch (IOException e) {
                problems.add(new RunbookProblem(userDirectory.toString(), 0, "could not be read: " + e.getMessage()));
            }
        }
        problems.forEach(problem -> log.warn("Runbook not loaded: {}", problem));
        log.info("{} runbooks loaded", byId.size());
        return new RunbookCatalog(byId, problems);
    }

    private static void add(RunbookLoader.Result result, Map<String, Runbook> byId, List<RunbookProblem> problems) {
        problems.addAll(result.problems());
        result.runbook().ifPresent(runbook -> byId.put(runbook.id(), runbook)); // later (user) replaces earlier (shipped)
    }

    private static Map<String, String> shipped() {
        Map<String, String> files = new TreeMap<>();
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:runbooks/*.yml")) {
                files.put("shipped:" + resource.getFilename(), new String(resource.getInputStream().readAllBytes(),
                        StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the shipped runbooks could not be read", e);
        }
        return files;
    }

    public List<Runbook> all() {
        return List.copyOf(byId.values());
    }

    public Optional<Runbook> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<RunbookProblem> problems() {
        return problems;
    }

    /** The runbooks whose every rule holds for the incident (and the alert that opened it, if any). */
    public List<Runbook> matching(Incident incident, String alertName, Map<String, String> labels) {
        return byId.values().stream().filter(r -> matches(r.match(), incident, alertName, labels)).toList();
    }

    static boolean matches(Runbook.Match m, Incident incident, String alertName, Map<String, String> labels) {
        return anyEquals(m.services(), incident.service())
                && anyEquals(m.regions(), incident.region())
                && anyEquals(m.alerts(), alertName)
                && m.labels().entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())))
                && anyEquals(m.severities(), incident.severity().name())
                && (m.keywords().isEmpty() || m.keywords().stream().anyMatch(k -> incident.title() != null
                        && incident.title().toLowerCase(Locale.ROOT).contains(k.toLowerCase(Locale.ROOT))));
    }

    /** No rule given holds; a rule given needs the value to be one of its words. */
    private static boolean anyEquals(List<String> rule, String value) {
        return rule.isEmpty() || value != null && rule.stream().anyMatch(value::equalsIgnoreCase);
    }
}
