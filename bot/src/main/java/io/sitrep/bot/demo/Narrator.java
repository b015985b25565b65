package io.sitrep.bot.demo;

import java.io.PrintWriter;
import java.time.Instant;

import io.sitrep.bot.text.Times;

/**
 * The demo's own voice, set apart from what Sitrep says: a line per moment of the story, with
 * its time, and asides under it. Everything else in the transcript is Sitrep's.
 */
final class Narrator {

    private final PrintWriter out;

    Narrator(PrintWriter out) {
        this.out = out;
    }

    void moment(Instant at, String what) {
        out.println();
        out.println("── " + Times.format(at) + " · " + what);
        out.flush();
    }

    void aside(String what) {
        out.println("   " + what);
        out.flush();
    }

    void heading(String what) {
        out.println();
        out.println("── " + what);
        out.flush();
    }
}
