package io.sitrep.bot.wiring;

import java.io.InputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;

import io.micrometer.core.instrument.MeterRegistry;
import io.sitrep.bot.demo.Demo;
import io.sitrep.bot.demo.DemoClock;
import io.sitrep.bot.demo.DemoNode;
import io.sitrep.bot.demo.FoundingIncident;
import io.sitrep.bot.demo.Replay;
import io.sitrep.bot.health.HealthWatch;
import io.sitrep.bot.reminder.ReminderAlarm;
import io.sitrep.config.ConsoleSettings;
import io.sitrep.config.DemoSettings;
import io.sitrep.incident.ReminderPlan;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.chat.ChatCommandHandler;
import io.sitrep.integrations.chat.console.ConsoleChat;
import io.sitrep.integrations.chat.console.ConsoleGateway;

/**
 * {@code --demo} (see {@link DemoMode}): the story's clock in place of the system's, the
 * founding incident's node as the only health source, and the replay once Sitrep is up. After
 * it, the console is the user's until {@code /quit} or Ctrl-D; without a terminal Sitrep keeps
 * serving the pages until stopped, or with {@code --exit} ends at once.
 */
@Configuration(proxyBeanMethods = false)
@Profile(DemoMode.PROFILE)
class DemoConfiguration {

    /** Counted by the reminder clock once each is sent and shown: the replay waits on it. */
    private static final String REMINDERS_SENT = "sitrep.reminders.sent";

    /** In place of the system clock (see {@code CoreConfiguration}); its jumps wake the reminder clock. */
    @Bean
    DemoClock demoClock() {
        return new DemoClock(FoundingIncident.MORNING);
    }

    @Bean
    DemoNode demoNode() {
        return new DemoNode();
    }

    @Bean
    Demo demo(DemoClock clock, ReminderAlarm alarm, IncidentStore store, ReminderPlan plan, MeterRegistry registry,
              DemoNode node, HealthWatch health, DemoSettings settings) {
        clock.onJump(alarm::clockMoved);
        return new Demo(clock, store, plan, () -> (long) registry.counter(REMINDERS_SENT).count(), node, health,
                settings.dataDir());
    }

    @Bean
    ApplicationRunner demoReplay(Demo demo, DemoSettings settings, ConsoleSettings console, ChatCommandHandler handler,
                                 ConsoleGateway gateway, ConfigurableApplicationContext context,
                                 Environment environment) {
        return args -> {
            boolean interactive = !settings.exit() && console.enabledFor(ConsoleDetection.stdinIsTerminal());
            Terminal terminal = interactive ? ConsoleConfiguration.systemTerminal() : headless();
            ConsoleChat chat = new ConsoleChat(handler, terminal, console.user(), null,
                    () -> System.exit(SpringApplication.exit(context)));
            gateway.attach(chat);
            Replay replay = demo.replay(chat, terminal.writer(),
                    "http://" + StartupDefaults.LOOPBACK + ":" + environment.getProperty("local.server.port"));
            if (settings.exit()) {
                terminal.writer().println("Demo over (--exit): " + replay.typed().size() + " commands replayed.");
                terminal.flush();
                System.exit(SpringApplication.exit(context));
            } else if (interactive) {
                terminal.writer().println("The console is yours now: try /incident timeline. /quit or Ctrl-D ends"
                        + " the demo.");
                terminal.flush();
                new Thread(chat, "sitrep-console").start();
            } else {
                terminal.writer().println("Serving these pages until stopped (Ctrl-C); --exit ends the demo after"
                        + " the replay instead.");
                terminal.flush();
            }
        };
    }

    /** Standard output without a terminal behind it: nothing is read, and nothing waits for a line. */
    private static Terminal headless() {
        try {
            return new DumbTerminal("sitrep-demo", Terminal.TYPE_DUMB, InputStream.nullInputStream(), System.out,
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not open standard output for the demo", e);
        }
    }
}
