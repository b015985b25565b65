package io.sitrep.integrations.chat.console;

import io.sitrep.integrations.chat.ChatCommand;
import io.sitrep.integrations.chat.ChatGateway;
import io.sitrep.integrations.chat.CommandOutcome;

/**
 * Shows what nobody typed at this console — reminders and escalations — above the prompt.
 * The console's own commands print their outcome themselves.
 */
public final class ConsoleGateway implements ChatGateway {

    /** The platform name the reminder scheduler speaks as. */
    private static final String REMINDER = "reminder";

    private volatile ConsoleChat chat;

    /** From now on, show notices in {@code console}. */
    public void attach(ConsoleChat console) {
        this.chat = console;
    }

    @Override
    public void deliver(ChatCommand command, CommandOutcome outcome) {
        ConsoleChat console = chat;
        if (console != null && REMINDER.equals(command.channel().platform())) {
            console.show(outcome.replies());
        }
    }
}
