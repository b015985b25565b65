package io.sitrep.bot.heartbeat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.sitrep.config.PagingSettings;

/**
 * The heartbeats Sitrep expects ({@code sitrep.paging.heartbeats}), checked once at start-up:
 * a heartbeat with no name, no period, or a policy the on-call files do not define would page
 * nobody when it goes quiet, which is the one thing it is for; so Sitrep refuses to start.
 */
public final class ExpectedHeartbeats {

    /** The name that Alertmanager's always-firing {@code Watchdog} alert beats. */
    public static final String WATCHDOG = "watchdog";
    /** A name is the last part of a URL path: nothing that needs escaping there. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    /** How often the watch looks at most: a beat missed is found within this after its grace. */
    private static final Duration LONGEST_LOOK = Duration.ofSeconds(15);
    private static final Duration SHORTEST_LOOK = Duration.ofSeconds(1);

    private final Map<String, Expected> byName;

    private ExpectedHeartbeats(Map<String, Expected> byName) {
        this.byName = byName;
    }

    /** One heartbeat: every {@code every}, late by {@code grace} at most, or {@code policy} is paged. */
    public record Expected(String name, Duration every, Duration grace, String policy) {

        /** When a heartbeat last seen at {@code last} is overdue: after its period and its grace. */
        public Instant deadline(Instant last) {
            return last.plus(every).plus(grace);
        }
    }

    /** A setting that makes a heartbeat useless, said with the setting's name and how to put it right. */
    public static final class Misconfigured extends IllegalArgumentException {

        private final String action;

        Misconfigured(String problem, String action) {
            super(problem);
            this.action = action;
        }

        public String action() {
            return action;
        }
    }

    /**
     * @param policies      the escalation policies the on-call files define
     * @param defaultPolicy the policy of a heartbeat that names none; null: each must name one
     * @throws Misconfigured naming the first wrong setting
     */
    public static ExpectedHeartbeats checked(List<PagingSettings.Heartbeat> configured, Set<String> policies,
                                             String defaultPolicy) {
        Map<String, Expected> byName = new LinkedHashMap<>();
        for (int i = 0; i < configured.size(); i++) {
            PagingSettings.Heartbeat heartbeat = configured.get(i);
            String setting = "sitrep.paging.heartbeats[" + i + "]";
            String name = heartbeat.name() == null ? "" : heartbeat.name().strip();
            if (!NAME.matcher(name).matches()) {
                throw new Misconfigured(setting + ".name is " + (name.isEmpty() ? "missing" : "'" + name + "'")
                        + "; a heartbeat needs a name of letters, digits, '.', '_' or '-'.",
                        "Set " + setting + ".name: it is what POST /hooks/heartbeat/<name> beats.");
            }
            if (byName.containsKey(name)) {
                throw new Misconfigured(setting + ".name: the heartbeat '" + name + "' is configured twice.",
                        "Give each heartbeat its own name, or remove one of them.");
            }
            Duration every = heartbeat.every();
            if (every == null || every.isZero() || every.isNegative()) {
                throw new Misconfigured(setting + ".every (heartbeat '" + name + "') is "
                        + (every == null ? "missing" : every.toString()) + "; it must say how often a beat comes.",
                        "Set " + setting + ".every to a positive duration such as PT5M or 5m.");
            }
            Duration grace = heartbeat.grace() == null ? Duration.ofMinutes(1) : heartbeat.grace();
            if (grace.isNegative()) {
                throw new Misconfigured(setting + ".grace (heartbeat '" + name + "') is negative.",
                        "Set " + setting + ".grace to how late a beat may be, such as PT1M (the default), or 0.");
            }
            String policy = heartbeat.policy() == null || heartbeat.policy().isBlank() ? defaultPolicy
                    : heartbeat.policy().strip();
            if (policy == null || !policies.contains(policy)) {
                String known = policies.isEmpty() ? "the on-call files define none (sitrep.oncall.dir, policies/)"
                        : "the on-call files define " + String.join(", ", new TreeSet<>(policies));
                throw new Misconfigured(setting + ".policy (heartbeat '" + name + "') "
                        + (policy == null ? "is missing, and sitrep.paging.default-policy is not set"
                        : "is '" + policy + "', which is no escalation policy") + "; " + known + ".",
                        "Set " + setting + ".policy to one of the policies, or add that policy under "
                                + "sitrep.oncall.dir/policies.");
            }
            byName.put(name, new Expected(name, every, grace, policy));
        }
        return new ExpectedHeartbeats(Map.copyOf(byName));
    }

    public Optional<Expected> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public List<Expected> all() {
        return byName.values().stream().sorted(java.util.Comparator.comparing(Expected::name)).toList();
    }

    public List<String> names() {
        return all().stream().map(Expected::name).toList();
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    /**
     * How often the watch looks: half the shortest grace (or period, when there is no grace),
     * between one and fifteen seconds — a silence is found soon after its grace, for one read.
     */
    public Duration lookEvery() {
        Duration look = LONGEST_LOOK;
        for (Expected expected : byName.values()) {
            Duration slack = expected.grace().isZero() ? expected.every() : expected.grace();
            Duration half = slack.dividedBy(2);
            if (half.compareTo(look) < 0) {
                look = half;
            }
        }
        return look.compareTo(SHORTEST_LOOK) < 0 ? SHORTEST_LOOK : look;
    }

    List<Expected> overdue(Map<String, Instant> lastBeats, Instant since, Instant now) {
        List<Expected> overdue = new ArrayList<>();
        for (Expected expected : all()) {
            if (now.isAfter(expected.deadline(lastBeats.getOrDefault(expected.name(), since)))) {
                overdue.add(expected);
            }
        }
        return overdue;
    }
}
