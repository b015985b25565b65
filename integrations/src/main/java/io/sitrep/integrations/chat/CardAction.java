package io.sitrep.integrations.chat;

import io.sitrep.incident.IncidentEvent;

/**
 * The next steps an incident card offers, in the order they appear. Each is a command of the
 * one grammar; those that need text ask for it (a modal on Slack and Discord) under {@code prompt}.
 */
public enum CardAction {
    ACCEPT(IncidentEvent.ACCEPT, "accept", "Accept", null),
    POST_UPDATE(IncidentEvent.POST_UPDATE, "update", "Post update", "Update for stakeholders"),
    IDENTIFIED(IncidentEvent.IDENTIFY, "identified", "Identified", "Root cause"),
    MONITORING(IncidentEvent.MONITOR, "monitoring", "Monitoring", "What was done"),
    RESOLVE(IncidentEvent.RESOLVE, "resolved", "Resolve", "Resolution"),
    REOPEN(IncidentEvent.REOPEN, "reopen", "Reopen", "Why it is not over");

    private final IncidentEvent event;
    private final String command;
    private final String label;
    private final String prompt;

    CardAction(IncidentEvent event, String command, String label, String prompt) {
        this.event = event;
        this.command = command;
        this.label = label;
        this.prompt = prompt;
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
