package io.sitrep.bot.wiring;

/** Whether Sitrep was started from an interactive terminal. */
final class ConsoleDetection {

    private ConsoleDetection() {
    }

    static boolean stdinIsTerminal() {
        // On Java 17 System.console() is null unless both stdin and stdout are a terminal.
        return System.console() != null;
    }
}
