package io.sitrep.integrations.chat;

import io.sitrep.incident.IncidentEvent;
import io.sitrep.incident.command.CommandSpec;
import io.sitrep.incident.command.CommandSpecs;
import io.sitrep.incident.command.Parameter;

/**
 * The next steps an incident card offers, in the order they appear. Each is a command of the
 * one grammar; those that need text ask for it (a modal on Slack and Discord) under {@code prompt}.
 */
public enum CardAction {
    ACCEPT(IncidentEvent.ACCEPT, "Accept"),
    POST_UPDATE(IncidentEvent.POST_UPDATE, "Post update"),
    IDENTIFIED(IncidentEvent.IDENTIFY, "Identified"),
    MONITORING(IncidentEvent.MONITOR, "Monitoring"),
    RESOLVE(IncidentEvent.RESOLVE, "Resolve"),
    REOPEN(IncidentEvent.REOPEN, "Reopen");

    private final IncidentEvent event;
    private final String command;
    private final String label;
    private final String prompt;

    /** The command and what it asks for come from the spec of the command that fires {@code event}. */
    CardAction(IncidentEvent event, String label) {
        CommandSpec spec = CommandSpecs.forEvent(event);
        this.event = event;
        this.command = spec.name();
        this.label = label;
        this.prompt = spec.arguments().stream().filter(Parameter::required).findFirst()
                .map(text -> Character.toUpperCase(text.description().charAt(0)) + text.description().substring(1))
                .orElse(null);
    }

    public IncidentEvent event() {
        return event;
    }

    /** The command's first word. */
    public String command() {
        return command;
    }

    public String label() {
        return label;
    }

    /** What to ask for before running it, or null when it runs as it is. */
    public String prompt() {
        return prompt;
    }

    public boolean needsText() {
        return prompt != null;
    }

    /** The command line for {@code incident}, with {@code text} as one quoted argument when it needs text. */
    public String commandLine(String incident, String text) {
        if (!needsText()) {
            return command + " " + incident;
        }
        return command + " " + incident + " " + quoteArgument(text);
    }

    /** Double quotes with backslash escapes: the text stays one argument and is never read as a flag. */
    public static String quoteArgument(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    public static java.util.Optional<CardAction> byCommand(String command) {
        for (CardAction action : values()) {
            if (action.command.equals(command)) {
                return java.util.Optional.of(action);
            }
        }
        return java.util.Optional.empty();
    }
}
