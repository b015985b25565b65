package io.sitrep.bot.command;

/**
 * What one {@code /incident} command does. Its grammar — name, arguments, flags, help — is
 * declared once in {@link io.sitrep.incident.command.CommandSpecs}, not here.
 */
@FunctionalInterface
public interface IncidentCommand {

    Reply run(Invocation invocation);
}
