package io.sitrep.bot.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * {@code --demo} keeps the demo away from real incidents and people whatever else is configured:
 * a data directory of its own, the embedded Redis, no chat platform, no real health source.
 */
class DemoModeTest {

    @TempDir
    Path dir;

    @Test
    void withoutTheSwitchNothingChanges() {
        ConfigurableEnvironment environment = started();

        assertThat(environment.getActiveProfiles()).isEmpty();
        assertThat(environment.getProperty("sitrep.data-dir")).isEqualTo("./data");
    }

    @Test
    void onlyTheCommandLineTurnsItOn() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("systemEnvironment-like",
                java.util.Map.of("demo", "1", "exit", "")));
        new DemoMode().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getActiveProfiles()).isEmpty();
    }

    @Test
    void theDemoGetsAFreshDirectoryOfItsOwnAndNothingReal() throws IOException {
        ConfigurableEnvironment environment = started("--demo");

        Path dataDir = Path.of(environment.getProperty("sitrep.data-dir"));
        assertThat(environment.getActiveProfiles()).containsExactly(DemoMode.PROFILE);
        assertThat(dataDir).isDirectory().isEmptyDirectory().isNotEqualTo(Path.of("./data").toAbsolutePath())
                .isEqualTo(Path.of(environment.getProperty("sitrep.demo.data-dir")));
        assertThat(dataDir.getFileName().toString()).startsWith("sitrep-demo-");
        assertThat(environment.getProperty("sitrep.redis.url")).as("the embedded Redis").isEmpty();
        assertThat(environment.getProperty("sitrep.slack.bot-token")).isEmpty();
        assertThat(environment.getProperty("sitrep.discord.token")).isEmpty();
        assertThat(environment.getProperty("sitrep.health.kubernetes.enabled")).isEqualTo("false");
        assertThat(environment.getProperty("server.address")).isEqualTo("127.0.0.1");
        assertThat(environment.getProperty("server.port")).isEqualTo(DemoMode.DEFAULT_PORT);
        assertThat(environment.getProperty("sitrep.demo.exit", Boolean.class)).isFalse();
        Files.delete(dataDir);
    }

    @Test
    void itsSettingsWinOverTheOperatorsButItsPortMayBeChosen() throws IOException {
        ConfigurableEnvironment environment = started("--demo", "--exit", "--sitrep.data-dir=/var/lib/sitrep",
                "--sitrep.slack.bot-token=xoxb-real", "--sitrep.redis.url=redis://prod:6379", "--server.port=9999");

        assertThat(environment.getProperty("sitrep.data-dir")).isNotEqualTo("/var/lib/sitrep");
        assertThat(environment.getProperty("sitrep.slack.bot-token")).isEmpty();
        assertThat(environment.getProperty("sitrep.redis.url")).isEmpty();
        assertThat(environment.getProperty("server.port")).isEqualTo("9999");
        assertThat(environment.getProperty("sitrep.demo.exit", Boolean.class)).isTrue();
        Files.delete(Path.of(environment.getProperty("sitrep.data-dir")));
    }

    @Test
    void aDirectoryNamedForTheDemoMustBeNewOrEmpty() throws IOException {
        Path fresh = dir.resolve("demo");
        assertThat(started("--demo", "--sitrep.demo.data-dir=" + fresh).getProperty("sitrep.data-dir"))
                .isEqualTo(fresh.toString());

        Files.writeString(dir.resolve("appendonly.aof"), "incidents");
        assertThatThrownBy(() -> started("--demo", "--sitrep.demo.data-dir=" + dir))
                .hasMessageContaining("is not empty");
    }

    /** The environment as the application's start-up leaves it: command line, application.yml, post-processors. */
    private static ConfigurableEnvironment started(String... args) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
        environment.getPropertySources().addLast(new MapPropertySource("application.yml",
                java.util.Map.of("sitrep.data-dir", "./data", "server.port", "8080")));
        new DemoMode().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }
}
