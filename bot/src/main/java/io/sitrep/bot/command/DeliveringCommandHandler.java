package io.sitrep.bot.command;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sitrep.integrations.chat.ChatCommand;
import io.sitrep.integrations.chat.ChatCommandHandler;
import io.sitrep.integrations.chat.CommandOutcome;
import io.sitrep.integrations.chat.Delivery;
import io.sitrep.integrations.chat.Outbox;

/**
 * Runs each command, then hands what it says to others to the outbox, before the caller is
 * answered: an incident's channel and stakeholders hear of a change wherever the command was
 * typed, and a platform being down only delays them.
 */
public final class DeliveringCommandHandler implements ChatCommandHandler {

    private static final Logger log = LoggerFactory.getLogger(DeliveringCommandHandler.class);

    private final ChatCommandHandler commands;
    private final Outbox outbox;

    public DeliveringCommandHandler(ChatCommandHandler commands, Outbox outbox) {
        this.commands = commands;
        this.outbox = outbox;
    }

    @Override
    public CommandOutcome handle(ChatCommand command) {
        CommandOutcome outcome = commands.handle(command);
        if (!outcome.ok() || outcome.incident().isEmpty()) {
            return outcome; // nothing changed, or nothing about an incident: nobody else is told
        }
        try {
            outbox.send(Delivery.of(command, outcome));
        } catch (RuntimeException e) {
            // The change is stored (Redis answered a moment ago) but its posts could not be queued:
            // the caller must not be left believing stakeholders were told.
            String id = outcome.incident().orElseThrow();
            log.error("The posts of a {} command on {} could not be queued: {}", command.channel().platform(), id,
                    e.getMessage());
            return outcome.withNote(command.channel(), "⚠ " + id + " is changed, but what it posts could not be "
                    + "queued (the store stopped answering), so nobody else has been told. Run the command's post "
                    + "again (an update, say) once Sitrep answers again.");
        }
        return outcome;
    }
}
