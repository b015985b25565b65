package io.sitrep.bot.wiring;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults that depend on other settings, applied before anything binds:
 * <ul>
 *   <li>no {@code sitrep.api.token}: the HTTP server listens on loopback only, so an API without
 *       a token is never reachable from another machine;</li>
 *   <li>an interactive console: logs go to {@code <data-dir>/sitrep.log} and only warnings to the
 *       terminal, so they don't write over what the user is typing.</li>
 * </ul>
 * Explicit settings always win: these are added with the lowest precedence.
 */
public final class StartupDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new HashMap<>();
        String token = environment.getProperty("sitrep.api.token", "");
        if (token.isBlank()) {
            defaults.put("server.address", "127.0.0.1");
        }
        Boolean console = environment.getProperty("sitrep.console.enabled", Boolean.class);
        if (console == null ? ConsoleDetection.stdinIsTerminal() : console) {
            defaults.put("logging.file.name", environment.getProperty("sitrep.data-dir", "./data") + "/sitrep.log");
            defaults.put("logging.threshold.console", "WARN");
        }
        if (!defaults.isEmpty()) {
            environment.getPropertySources().addLast(new MapPropertySource("sitrep-startup-defaults", defaults));
        }
    }
}
