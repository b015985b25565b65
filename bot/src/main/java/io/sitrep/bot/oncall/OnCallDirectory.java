package io.sitrep.bot.oncall;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything read from the on-call files: people by key, schedules and escalation policies by
 * id, and what could not be loaded. A broken schedule or policy is left out; the rest stand.
 */
public record OnCallDirectory(Map<String, Person> people, Map<String, Schedule> schedules,
                              Map<String, EscalationPolicy> policies, List<OnCallProblem> problems) {

    public static final OnCallDirectory EMPTY = new OnCallDirectory(Map.of(), Map.of(), Map.of(), List.of());

    public OnCallDirectory {
        people = Map.copyOf(people);
        schedules = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(schedules));
        policies = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(policies));
        problems = List.copyOf(problems);
    }

    public Optional<Schedule> schedule(String id) {
        return Optional.ofNullable(schedules.get(id));
    }

    public Collection<Schedule> allSchedules() {
        return schedules.values();
    }

    /** The person by their key in people.yml, or by their Slack or Discord user id. */
    public Optional<Person> person(String keyOrPlatformId) {
        if (keyOrPlatformId == null) {
            return Optional.empty();
        }
        Person byKey = people.get(keyOrPlatformId);
        return byKey != null ? Optional.of(byKey)
                : people.values().stream().filter(p -> p.isCalled(keyOrPlatformId)).findFirst();
    }

    /** The person, or one known by key only when people.yml does not describe them. */
    public Person personOrKey(String key) {
        return people.getOrDefault(key, Person.unknown(key));
    }
}
