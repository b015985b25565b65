package io.sitrep.integrations.chat;

import java.util.regex.Pattern;

/**
 * A one-click answer offered with a message: a button on platforms that have them, which runs
 * {@code commandLine} (one command of the one grammar) as the person who clicked.
 */
public record MessageAction(String label, String commandLine) {

    /** A runbook step's answers ({@code runbook INC-7 step 3 done --runbook …}). */
    private static final String RUNBOOK = "runbook ";
    /** A page's Acknowledge. */
    private static final Pattern ACKNOWLEDGE = Pattern.compile("ack INC-\\d+ --button");
    private static final int LONGEST = 500;

    /**
     * Whether a clicked button's command line is one a button may run. The line comes back
     * through the platform (a Slack value, a Discord id), so it is checked on the way back: a
     * forged click runs nothing else.
     */
    public static boolean runnable(String commandLine) {
        return commandLine != null && commandLine.indexOf('\n') < 0 && commandLine.length() < LONGEST
                && (commandLine.startsWith(RUNBOOK) || ACKNOWLEDGE.matcher(commandLine).matches());
    }
}
