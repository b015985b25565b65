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
 *   <li>the probes and metrics ({@code /actuator/*}) are served on a port of their own, the
 *       server's port + 1 (8081 by default; a random one when the server's is random, as in
 *       tests), with a connector and threads of their own: a probe never queues behind commands
 *       waiting on a hung store. They listen where the server does unless told otherwise;</li>
 *   <li>an interactive console: logs go to {@code <data-dir>/sitrep.log} and only warnings to the
 *       terminal, so they don't write over what the user is typing.</li>
 * </ul>
 * Explicit settings always win: these are added with the lowest precedence.
 */
public final class StartupDefaults implements EnvironmentPostProcessor {

    static final String LOOPBACK = "127.0.0.1";
    private static final int HIGHEST_PORT = 65_535;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new HashMap<>();
        String token = environment.getProperty("sitrep.api.token", "");
        if (token.isBlank()) {
            defaults.put("server.address", LOOPBACK);
        }
        managementServer(environment, defaults);
        Boolean console = environment.getProperty("sitrep.console.enabled", Boolean.class);
        if (console == null ? ConsoleDetection.stdinIsTerminal() : console) {
            defaults.put("logging.file.name", environment.getProperty("sitrep.data-dir", "./data") + "/sitrep.log");
            defaults.put("logging.threshold.console", "WARN");
        }
        if (!defaults.isEmpty()) {
            environment.getPropertySources().addLast(new MapPropertySource("sitrep-startup-defaults", defaults));
        }
    }

    /** The management server's port and address, unless set: next to the server's, on the same interface. */
    private static void managementServer(ConfigurableEnvironment environment, Map<String, Object> defaults) {
        if (!environment.containsProperty("management.server.port")) {
            int server = environment.getProperty("server.port", Integer.class, 8080);
            if (server == 0) {
                defaults.put("management.server.port", 0);
            } else if (server > 0 && server < HIGHEST_PORT) {
                defaults.put("management.server.port", server + 1);
            }
        }
        String address = environment.getProperty("server.address", (String) defaults.get("server.address"));
        if (address != null && !environment.containsProperty("management.server.address")) {
            defaults.put("management.server.address", address);
        }
    }
}
