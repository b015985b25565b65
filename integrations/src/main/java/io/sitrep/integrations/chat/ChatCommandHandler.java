package io.sitrep.integrations.chat;

/**
 * The one entrance of every chat platform into Sitrep. Adapters verify and acknowledge what
 * their platform sent, then hand the command here; the application implements it.
 * Implementations never throw: every failure comes back as an outcome.
 */
@FunctionalInterface
public interface ChatCommandHandler {

    CommandOutcome handle(ChatCommand command);
}
