package io.sitrep.bot.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.sitrep.bot.SitrepApplication;

/**
 * {@code --demo --exit} as a process of its own, without a terminal, started where a Sitrep keeps
 * its incidents: it replays, says where to look, ends by itself, and leaves that place untouched.
 */
@Timeout(180)
class DemoExitTest {

    private static final Pattern DATA_LINE = Pattern.compile("Data {15}(\\S+) \\(");

    @TempDir
    Path workingDir;

    @Test
    void replaysAndEndsOnItsOwnDirectoryNotTheDefaultOne() throws Exception {
        Path transcript = workingDir.resolve("demo.out");
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                SitrepApplication.class.getName(), "--demo", "--exit", "--server.port=0"))
                .directory(workingDir.toFile()).redirectErrorStream(true).redirectOutput(transcript.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();

        boolean ended = process.waitFor(150, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly().waitFor();
        }
        String out = Files.readString(transcript);
        assertThat(ended).as("ended by itself:\n%s", out).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        assertThat(out).contains("Status page        http://127.0.0.1:", "Demo over (--exit)")
                .containsOnlyOnce("✗ Can't resolve INC-1");

        Matcher data = DATA_LINE.matcher(out);
        assertThat(data.find()).as(out).isTrue();
        Path dataDir = Path.of(data.group(1));
        try {
            assertThat(dataDir).as("a fresh directory of its own").isDirectory()
                    .isNotEqualTo(workingDir.resolve("data"));
            assertThat(workingDir.resolve("data")).as("the default data directory").doesNotExist();
            assertThat(Files.readString(dataDir.resolve("exports/INC-1-postmortem.md")))
                    .contains("| Detected | 2026-02-26 08:19 UTC |", "| First stakeholder update | 2026-02-26 08:37 UTC |",
                            "| Resolved | 2026-02-26 09:20 UTC |");
        } finally {
            deleteTree(dataDir);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
