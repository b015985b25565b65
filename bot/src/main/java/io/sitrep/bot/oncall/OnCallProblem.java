package io.sitrep.bot.oncall;

/** Why part of the on-call files was not loaded: which file, which line (0 when the whole file), what is wrong. */
public record OnCallProblem(String file, int line, String reason) {

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + reason;
    }
}
