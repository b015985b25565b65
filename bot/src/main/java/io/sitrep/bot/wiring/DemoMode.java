package io.sitrep.bot.wiring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * {@code --demo}: Sitrep replays its founding incident (see {@code io.sitrep.bot.demo}) on a
 * Sitrep of its own. What keeps the demo away from real incidents and real people is forced here,
 * above every other setting: its own data directory and embedded Redis, no Slack or Discord, no
 * health source but the demo's node, only the shipped runbooks, loopback only, and logs in its
 * directory so the terminal shows the story. Only where it listens may be set
 * ({@code --server.port}; 8090 by default, beside a Sitrep on 8080).
 */
public final class DemoMode implements EnvironmentPostProcessor, Ordered {

    public static final String PROFILE = "demo";
    static final String DEFAULT_PORT = "8090";

    /** After the configuration files are read (the demo overrides them), before {@link StartupDefaults}. */
    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!asked(environment)) {
            return;
        }
        Path dataDir = dataDir(environment.getProperty("sitrep.demo.data-dir"));
        environment.addActiveProfile(PROFILE);
        boolean exit = flag(environment, "exit") || environment.getProperty("sitrep.demo.exit", Boolean.class, false);
        environment.getPropertySources().addFirst(new MapPropertySource("sitrep-demo", forced(dataDir, exit)));
        Map<String, Object> defaults = Map.of("server.port", DEFAULT_PORT);
        MapPropertySource choosable = new MapPropertySource("sitrep-demo-defaults", defaults);
        if (environment.getPropertySources().contains(CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME)) {
            environment.getPropertySources().addAfter(CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME,
                    choosable);
        } else {
            environment.getPropertySources().addAfter("sitrep-demo", choosable);
        }
    }

    /** {@code --demo} (or {@code --demo=true}) on the command line. */
    static boolean asked(ConfigurableEnvironment environment) {
        return flag(environment, PROFILE);
    }

    /**
     * A switch on the command line only: a {@code DEMO} or {@code EXIT} variable in the environment
     * must not turn a Sitrep into a demo. {@code --name} alone reads as an empty value, and means yes.
     */
    private static boolean flag(ConfigurableEnvironment environment, String name) {
        PropertySource<?> commandLine = environment.getPropertySources()
                .get(CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME);
        if (commandLine == null || !commandLine.containsProperty(name)) {
            return false;
        }
        Object value = commandLine.getProperty(name);
        return value == null || !"false".equalsIgnoreCase(value.toString().strip());
    }

    private static Map<String, Object> forced(Path dataDir, boolean exit) {
        Map<String, Object> forced = new HashMap<>();
        forced.put("sitrep.demo.data-dir", dataDir.toString());
        forced.put("sitrep.demo.exit", exit);
        forced.put("sitrep.data-dir", dataDir.toString());
        forced.put("sitrep.redis.url", "");
        forced.put("sitrep.redis.sentinel.master", "");
        forced.put("sitrep.redis.sentinel.nodes", "");
        forced.put("sitrep.redis.cluster.nodes", "");
        forced.put("sitrep.redis.wait-replicas", "0");
        forced.put("sitrep.slack.bot-token", "");
        forced.put("sitrep.slack.app-token", "");
        forced.put("sitrep.slack.signing-secret", "");
        forced.put("sitrep.discord.token", "");
        forced.put("sitrep.api.token", "");
        forced.put("sitrep.alerts.token", "");
        forced.put("server.address", StartupDefaults.LOOPBACK);
        forced.put("management.server.address", StartupDefaults.LOOPBACK);
        forced.put("sitrep.health.targets", "");
        forced.put("sitrep.health.kubernetes.enabled", "false");
        forced.put("sitrep.health.prometheus.url", "");
        // The replay asks the health watch itself at each moment of the story; an hour between
        // rounds of its own keeps the watch from telling a change twice, and the board from
        // going stale while the clock jumps.
        forced.put("sitrep.health.interval", "PT1H");
        forced.put("sitrep.health.consecutive", "2");
        forced.put("sitrep.health.stable-for", "PT2M");
        forced.put("sitrep.health.auto-declare", "true");
        // Not a directory: only the shipped runbooks, the one written from this incident among them.
        forced.put("sitrep.runbooks.dir", dataDir.resolve("no-runbooks").toString());
        forced.put("sitrep.status.title", "ConnectMe status");
        forced.put("sitrep.status.components[0].name", "ConnectMe (EU)");
        forced.put("sitrep.status.components[0].service", "connectme");
        forced.put("logging.file.name", dataDir.resolve("sitrep.log").toString());
        forced.put("logging.threshold.console", "WARN");
        return forced;
    }

    /** The one given, if new or empty; else a fresh temporary directory. */
    static Path dataDir(String given) {
        try {
            if (given == null || given.isBlank()) {
                return Files.createTempDirectory("sitrep-demo-").toAbsolutePath();
            }
            Path dir = Path.of(given).toAbsolutePath();
            if (Files.exists(dir)) {
                try (Stream<Path> entries = Files.list(dir)) {
                    if (entries.findAny().isPresent()) {
                        throw new IllegalStateException("sitrep.demo.data-dir " + dir + " is not empty: the demo"
                                + " starts from nothing and never writes where incidents may be kept."
                                + " Name a new or empty directory, or leave it out for a temporary one.");
                    }
                }
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not make the demo's data directory", e);
        }
    }
}
