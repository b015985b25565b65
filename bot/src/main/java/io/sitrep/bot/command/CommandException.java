package io.sitrep.bot.command;

/** The command could not be understood or lacks something; its message tells the user how to fix it. */
public class CommandException extends RuntimeException {

    public CommandException(String message) {
        super(message);
    }
}
