package io.sitrep.incident.command;

/** A command line that does not follow the grammar; the message tells the user how to fix it. */
public class GrammarException extends IllegalArgumentException {

    public GrammarException(String message) {
        super(message);
    }
}
