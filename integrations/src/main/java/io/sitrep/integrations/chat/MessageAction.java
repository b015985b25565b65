package io.sitrep.integrations.chat;

/**
 * A one-click answer offered with a message: a button on platforms that have them, which runs
 * {@code commandLine} (one command of the one grammar) as the person who clicked.
 */
public record MessageAction(String label, String commandLine) {
}
