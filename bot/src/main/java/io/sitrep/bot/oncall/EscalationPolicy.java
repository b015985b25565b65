package io.sitrep.bot.oncall;

import java.time.Duration;
import java.util.List;

/**
 * Whom a page goes to and in which order: levels of targets, each given {@code escalateAfter}
 * to acknowledge before the next level is tried; after the last level the levels start again
 * {@code repeat} times.
 */
public record EscalationPolicy(String id, List<String> services, List<Level> levels, int repeat, String file) {

    public EscalationPolicy {
        services = List.copyOf(services);
        levels = List.copyOf(levels);
    }

    public record Level(List<Target> targets, Duration escalateAfter) {
        public Level {
            targets = List.copyOf(targets);
        }
    }

    /** {@code schedule:platform} (whoever is on call there) or {@code person:ant}. */
    public record Target(Kind kind, String id) {

        public enum Kind { SCHEDULE, PERSON }

        @Override
        public String toString() {
            return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
        }
    }
}
