package io.sitrep.bot.command;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sitrep.integrations.chat.ChatCommand;
import io.sitrep.integrations.chat.ChatCommandHandler;
import io.sitrep.integrations.chat.ChatGateway;
import io.sitrep.integrations.chat.CommandOutcome;
import io.sitrep.integrations.chat.Delivery;

/**
 * Runs each command, then hands its outcome to every platform's gateway, so an incident's
 * channel and stakeholders hear of a change wherever the command was typed. Gateways post on
 * their own threads; one failing never affects the command's answer.
 */
public final class DeliveringCommandHandler implements ChatCommandHandler {

    private static final Logger log = LoggerFactory.getLogger(DeliveringCommandHandler.class);

    private final ChatCommandHandler commands;
    private final List<ChatGateway> gateways;

    public DeliveringCommandHandler(ChatCommandHandler commands, List<ChatGateway> gateways) {
        this.commands = commands;
        this.gateways = List.copyOf(gateways);
    }

    @Override
    public CommandOutcome handle(ChatCommand command) {
        CommandOutcome outcome = commands.handle(command);
        if (!outcome.ok() || outcome.incident().isEmpty()) {
            return outcome; // nothing changed, or nothing about an incident: nobody else is told
        }
        Delivery delivery = Delivery.of(command, outcome);
        for (ChatGateway gateway : gateways) {
            try {
                gateway.deliver(delivery);
            } catch (RuntimeException e) {
                log.error("A chat gateway failed to take the outcome of a {} command", command.channel().platform(), e);
            }
        }
        return outcome;
    }
}
