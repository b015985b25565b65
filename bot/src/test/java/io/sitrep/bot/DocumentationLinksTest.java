package io.sitrep.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The README is the front door and {@code docs/} the rest of the house: every link between them
 * (and to files of the repository) must lead somewhere, down to the heading an anchor names, so
 * that moving a section or renaming a file cannot leave a reader at a dead end.
 */
class DocumentationLinksTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6} (.+)$", Pattern.MULTILINE);
    /** What a newcomer reads first stays short: the details belong in docs/. */
    private static final int README_LINES = 300;

    @Test
    void everyLinkInTheReadmeAndDocsLeadsToAFileAndHeadingThatExist() throws IOException {
        List<String> broken = new ArrayList<>();
        List<Path> documents = documents();
        assertThat(documents).as("README, CHANGELOG and docs").hasSizeGreaterThan(5);
        int checked = 0;
        for (Path document : documents) {
            Matcher link = LINK.matcher(Files.readString(document));
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue; // https:, mailto: — outside the repository
                }
                checked++;
                String problem = problem(document, target);
                if (problem != null) {
                    broken.add(ROOT.relativize(document) + " → " + target + ": " + problem);
                }
            }
        }
        assertThat(checked).as("links checked").isGreaterThan(10);
        assertThat(broken).as("broken links").isEmpty();
    }

    @Test
    void theReadmeFitsOnAScreenOrTwoAndMapsEveryDocument() throws IOException {
        List<String> readme = Files.readAllLines(ROOT.resolve("README.md"));
        assertThat(readme.size()).as("README lines").isLessThanOrEqualTo(README_LINES);
        String text = String.join("\n", readme);
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            List<String> unmapped = docs.map(p -> "docs/" + p.getFileName()).filter(d -> d.endsWith(".md"))
                    .filter(d -> !text.contains("(" + d + ")")).sorted().toList();
            assertThat(unmapped).as("documents the README's map leaves out").isEmpty();
        }
    }

    private static String problem(Path document, String target) throws IOException {
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        Path resolved = file.isEmpty() ? document : document.getParent().resolve(file).normalize();
        if (!Files.exists(resolved)) {
            return "no such file";
        }
        if (hash < 0) {
            return null;
        }
        if (!resolved.toString().endsWith(".md")) {
            return "an anchor into a file that has no headings";
        }
        String anchor = target.substring(hash + 1);
        return anchors(resolved).contains(anchor) ? null : "no heading makes the anchor #" + anchor;
    }

    /** The anchors a Markdown renderer such as GitHub's makes of the headings. */
    static Set<String> anchors(Path markdown) throws IOException {
        String text = Files.readString(markdown).replaceAll("(?s)```.*?```", "");
        Matcher heading = HEADING.matcher(text);
        Set<String> anchors = new java.util.HashSet<>();
        while (heading.find()) {
            anchors.add(heading.group(1).strip().toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
        }
        return anchors;
    }

    private static List<Path> documents() throws IOException {
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            return Stream.concat(Stream.of(ROOT.resolve("README.md"), ROOT.resolve("CHANGELOG.md")),
                    docs.filter(p -> p.toString().endsWith(".md")).sorted()).collect(Collectors.toList());
        }
    }
}
