package io.sitrep.bot.lifecycle;

import io.sitrep.incident.Severity;
import io.sitrep.bot.command.CommandException;

/** Reads a severity as typed ({@code 2}, {@code sev2}, {@code SEV2}) or says what is allowed. */
final class SeverityArgument {

    private SeverityArgument() {
    }

    static Severity parse(String text) {
        return Severity.tryParse(text).orElseThrow(() -> new CommandException(
                "Severity must be 1, 2, 3 or 4 (SEV1 is the worst), not '" + text + "'."));
    }
}
