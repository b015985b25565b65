package io.sitrep.bot.command;

/** The command could not be understood or lacks something; its message tells the user how to fix it. */
class CommandException extends RuntimeException {

    CommandException(String message) {
        super(message);
    }
}
