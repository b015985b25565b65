package io.sitrep.bot.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The promises a run holds Sitrep to, each with its count and the first few cases that broke it.
 * An invariant that saw nothing to check fails too: a run whose load never reached a platform
 * proves nothing about it.
 */
final class Invariants {

    /** One invariant's result. */
    record Result(String name, boolean held, long checked, long broken, List<String> examples, String note) {
    }

    private final List<Result> results = new ArrayList<>();

    /** Collects one invariant's cases. */
    static final class Check {
        private final String name;
        private long checked;
        private long broken;
        private final List<String> examples = new ArrayList<>();
        private String note = "";
        private boolean needsCases = true;

        Check(String name) {
            this.name = name;
        }

        Check checked() {
            checked++;
            return this;
        }

        void broken(String example) {
            broken++;
            if (examples.size() < 10) {
                examples.add(example);
            }
        }

        /** {@code holds} is one case; {@code example} says what broke when it does not. */
        void expect(boolean holds, java.util.function.Supplier<String> example) {
            checked++;
            if (!holds) {
                broken(example.get());
            }
        }

        Check note(String text) {
            note = text;
            return this;
        }

        /** For an invariant that may rightly find nothing to check (no storm in a short run). */
        Check mayBeEmpty() {
            needsCases = false;
            return this;
        }

        Result result() {
            boolean empty = needsCases && checked == 0;
            return new Result(name, broken == 0 && !empty, checked, broken, List.copyOf(examples),
                    empty ? "nothing was checked" + (note.isEmpty() ? "" : "; " + note) : note);
        }
    }

    void add(Check check) {
        results.add(check.result());
    }

    List<Result> results() {
        return List.copyOf(results);
    }

    boolean allHeld() {
        return results.stream().allMatch(Result::held);
    }

    /** Is {@code at} inside one of the windows, widened by {@code grace} after each? */
    static boolean within(Instant at, List<Faults.StoreAway> windows, Duration grace) {
        return windows.stream().anyMatch(w -> !at.isBefore(w.from()) && !at.isAfter(w.to().plus(grace)));
    }

    static Map<String, Object> asMap(Result result) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", result.name());
        map.put("held", result.held());
        map.put("checked", result.checked());
        map.put("broken", result.broken());
        map.put("examples", result.examples());
        map.put("note", result.note());
        return map;
    }
}
