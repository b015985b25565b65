package io.sitrep.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The README's run command and the build agree: the command starts {@code bot/target/sitrep.jar}
 * from the class-data-sharing archive the build's training run writes beside it, from that jar,
 * with a run that ends by itself and keeps away from {@code ./data}. How fast it starts is the
 * start-up benchmark's business ({@code StartupBenchmark}, which runs this same command).
 */
public class RunCommandTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path POM = Path.of("pom.xml");

    @Test
    void theReadmeRunsTheJarFromTheArchiveTheBuildMakes() throws IOException {
        List<String> command = runCommand(README);

        assertThat(command).first().isEqualTo("java");
        assertThat(command).containsSubsequence("-jar", "bot/target/sitrep.jar")
                .contains("-XX:SharedArchiveFile=bot/target/sitrep.jsa");
        assertThat(command.indexOf("-XX:SharedArchiveFile=bot/target/sitrep.jsa"))
                .as("a JVM option, before -jar").isLessThan(command.indexOf("-jar"));

        String pom = Files.readString(POM);
        assertThat(pom).as("the training run writes the archive the README names, from the jar it runs")
                .contains("<argument>-XX:ArchiveClassesAtExit=${project.build.directory}/sitrep.jsa</argument>")
                .contains("<argument>${project.build.directory}/sitrep.jar</argument>")
                .contains("<argument>--application-filename</argument>\n                <argument>sitrep.jar</argument>")
                .contains("<argument>--" + SitrepApplication.EXIT_ONCE_READY + "=true</argument>")
                .contains("<argument>--sitrep.console.enabled=false</argument>")
                .contains("<argument>--sitrep.data-dir=${project.build.directory}/cds-training</argument>")
                .contains("<argument>-Xshare:on</argument>");
        assertThat(pom).as("the training run ignores a builder's exported platform tokens and Redis")
                .contains("<argument>--sitrep.redis.url=</argument>")
                .contains("<argument>--sitrep.slack.bot-token=</argument>")
                .contains("<argument>--sitrep.discord.token=</argument>");
    }

    /** The words of the README's {@code java … -jar bot/target/sitrep.jar} line, after the build. */
    public static List<String> runCommand(Path readme) throws IOException {
        String line = Files.readAllLines(readme).stream().filter(l -> l.startsWith("./mvnw -q -DskipTests package && java "))
                .findFirst().orElseThrow(() -> new AssertionError("no build-and-run line in " + readme));
        String run = line.substring(line.indexOf("&& ") + 3);
        int comment = run.indexOf('#');
        return List.of((comment < 0 ? run : run.substring(0, comment)).trim().split("\\s+"));
    }
}
