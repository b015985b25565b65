package io.sitrep.bot.runbook;

/** Why a runbook file was not loaded: which file, which line (0 when the whole file), what is wrong. */
public record RunbookProblem(String file, int line, String reason) {

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + reason;
    }
}
