package io.sitrep.bot.wiring;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.sitrep.bot.selfcheck.SelfCheck;
import io.sitrep.config.ChatSettings;
import io.sitrep.config.DiscordSettings;
import io.sitrep.config.ReminderSettings;
import io.sitrep.incident.lifecycle.IncidentLifecycle;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.chat.ChatCommandHandler;
import io.sitrep.integrations.chat.IncidentRooms;
import io.sitrep.integrations.chat.PageReceipts;
import io.sitrep.integrations.chat.RequestDeduplicator;
import io.sitrep.integrations.chat.discord.DiscordConnector;
import io.sitrep.integrations.chat.discord.DiscordGateway;

/**
 * Discord, when a bot token is set ({@code SITREP_DISCORD_TOKEN}): the JDA session, the gateway
 * that posts to the guild, and the listener that takes {@code /incident} and the card's buttons.
 * May run alongside Slack; each incident lives on the platform where it was declared.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${sitrep.discord.token:}'.isBlank()")
class DiscordConfiguration {

    @Bean(destroyMethod = "close")
    DiscordConnector discordConnector(DiscordSettings discord, Clock clock) {
        return new DiscordConnector(discord, clock);
    }

    @Bean
    DiscordGateway discordGateway(DiscordConnector connector, IncidentStore store, IncidentLifecycle lifecycle,
                                  IncidentRooms rooms, ChatSettings chat, ReminderSettings reminders,
                                  PageReceipts pageReceipts) {
        return connector.gateway(store, lifecycle, rooms, chat.stakeholderChannel(), reminders.escalationChannel(),
                chat.archiveRooms(), pageReceipts);
    }

    /** Commands run here after the deferred reply; bounded, drained at shutdown like Slack's. */
    @Bean(destroyMethod = "close")
    ExecutorService discordCommandExecutor(SelfCheck selfCheck) {
        return new DrainingExecutor("discord-command", 4, 10_000, Duration.ofSeconds(10),
                selfCheck.loop("discord-commands"));
    }

    /** The listener is added once the handler (which needs every gateway, this one too) exists. */
    @Bean
    SmartInitializingSingleton discordListening(DiscordConnector connector, ChatCommandHandler handler,
                                                RequestDeduplicator deduplicator, ExecutorService discordCommandExecutor,
                                                ChatSettings chat) {
        return () -> connector.listen(handler, deduplicator, discordCommandExecutor, chat.stakeholderChannel());
    }
}
