package io.sitrep.bot.wiring;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

import io.sitrep.config.ChatSettings;
import io.sitrep.config.ConsoleSettings;
import io.sitrep.config.ReminderSettings;
import io.sitrep.config.StorageSettings;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.chat.ChannelNames;
import io.sitrep.integrations.chat.ChatCommandHandler;
import io.sitrep.integrations.chat.console.ConsoleChat;
import io.sitrep.integrations.chat.console.ConsoleGateway;

/** Starts the console chat when {@code sitrep.console.enabled} says so (by default: stdin is a terminal). */
@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration {

    /** Reminders reach the console through this once the console runs. */
    @Bean
    ConsoleGateway consoleGateway(IncidentStore store, ChatSettings chat, ReminderSettings reminders) {
        return new ConsoleGateway(store, new ChannelNames(chat.stakeholderChannel(), reminders.escalationChannel()));
    }

    /** The demo runs a console of its own, after its replay. */
    @Bean
    @Profile("!" + DemoMode.PROFILE)
    ApplicationRunner consoleChat(ConsoleSettings settings, StorageSettings storage, ChatCommandHandler handler,
                                  ConsoleGateway gateway, ConfigurableApplicationContext context) {
        return args -> {
            if (!settings.enabledFor(ConsoleDetection.stdinIsTerminal())) {
                return;
            }
            Terminal terminal = systemTerminal();
            ConsoleChat chat = new ConsoleChat(handler, terminal, settings.user(),
                    storage.dataDir().resolve("console_history"),
                    () -> System.exit(SpringApplication.exit(context)));
            gateway.attach(chat);
            Thread thread = new Thread(chat, "sitrep-console");
            thread.start();
        };
    }

    static Terminal systemTerminal() {
        try {
            return TerminalBuilder.builder().system(true).name("sitrep").build();
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the terminal for the console chat", e);
        }
    }
}
