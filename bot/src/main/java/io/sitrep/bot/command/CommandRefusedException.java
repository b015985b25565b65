package io.sitrep.bot.command;

/** The caller may not run the command on this incident; the message says who may. Nothing was changed. */
public final class CommandRefusedException extends RuntimeException {

    public CommandRefusedException(String message) {
        super(message);
    }
}
