package io.sitrep.bot.oncall;

/**
 * A schedule file with one person on call at every moment, whatever the wall clock says: for
 * tests and benchmarks that run on the real clock and need to know who a schedule pages.
 */
public final class AlwaysOnCall {

    private AlwaysOnCall() {
    }

    /** {@code schedules/<id>.yml}: {@code person} alone in a weekly rotation begun long ago. */
    public static String schedule(String id, String person) {
        return """
                id: %s
                name: %s on-call
                timezone: UTC
                layers:
                  - name: only
                    rotation: weekly
                    handoff: "MON 09:00"
                    start: 2020-01-06
                    people: [%s]
                """.formatted(id, id, person);
    }
}
