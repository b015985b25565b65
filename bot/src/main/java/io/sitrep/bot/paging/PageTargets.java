package io.sitrep.bot.paging;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.sitrep.bot.oncall.EscalationPolicy;
import io.sitrep.bot.oncall.OnCallDesk;
import io.sitrep.bot.oncall.OnCallDirectory;
import io.sitrep.bot.oncall.Person;
import io.sitrep.bot.oncall.Shift;
import io.sitrep.incident.PersonReference;
import io.sitrep.incident.command.CommandSpecs;
import io.sitrep.incident.paging.Page;

/**
 * What a page's target names, at the moment it is notified: {@code person:ant} (or plain
 * {@code ant}), {@code schedule:platform} (whoever is on call there then, overrides included), or
 * a chat user's mention {@code <@U0ALICE>} — a person from people.yml when one has that id, else
 * someone reachable only by a direct message on the platform whose ids look like it (digits:
 * Discord; anything else: Slack).
 */
public final class PageTargets {

    /** Every method there is; where one is not set up (no Discord, no mail server) nobody is notified by it. */
    static final Set<String> EVERY_METHOD = Set.of(Pageable.SLACK, Pageable.DISCORD, Pageable.EMAIL, Pageable.WEBHOOK,
            Pageable.PAGERDUTY);

    private final OnCallDesk desk;
    private final Supplier<Set<String>> methods;

    /** Pages by every method; for tests that record what is queued rather than send it. */
    public PageTargets(OnCallDesk desk) {
        this(desk, () -> EVERY_METHOD);
    }

    /**
     * @param methods the methods that can send here (the delivery lanes configured), asked when
     *                first needed: the gateways that send them are wired after the paging rule
     */
    public PageTargets(OnCallDesk desk, Supplier<Set<String>> methods) {
        this.desk = desk;
        this.methods = methods;
    }

    /**
     * One notification per method {@code person} has that can send here: a person with a Discord
     * id is not "notified" on Discord where Sitrep has no Discord, so a level of such people
     * escalates rather than waits.
     */
    List<Page.Notification> notifications(Person person, int level, int round, Instant at) {
        Set<String> available = methods.get();
        return Pageable.notifications(person, level, round, at).stream()
                .filter(n -> available.contains(n.method())).toList();
    }

    public OnCallDirectory directory() {
        return desk.directory();
    }

    /** The people {@code target} names at {@code at}; empty when nobody is on call there then. */
    List<Person> people(String target, Instant at) {
        OnCallDirectory directory = desk.directory();
        if (target.startsWith("schedule:")) {
            return directory.schedule(target.substring("schedule:".length()))
                    .flatMap(schedule -> desk.at(schedule, at).current())
                    .map(Shift::person).map(directory::personOrKey).stream().toList();
        }
        String key = target.startsWith("person:") ? target.substring("person:".length()) : target;
        Optional<String> chatId = PersonReference.idOf(key);
        if (chatId.isPresent()) {
            return List.of(directory.person(chatId.get()).orElseGet(() -> chatOnly(key, chatId.get())));
        }
        return List.of(directory.personOrKey(key));
    }

    private static Person chatOnly(String mention, String id) {
        boolean discord = id.chars().allMatch(Character::isDigit);
        return new Person(mention, discord ? null : id, discord ? id : null, null, null, null, null);
    }

    /** The policy an incident of {@code service} follows: the one naming the service, else {@code fallback}. */
    Optional<EscalationPolicy> policyFor(String service, String fallback) {
        OnCallDirectory directory = desk.directory();
        if (service != null) {
            Optional<EscalationPolicy> named = directory.policies().values().stream()
                    .filter(policy -> policy.services().contains(service)).findFirst();
            if (named.isPresent()) {
                return named;
            }
        }
        return Optional.ofNullable(fallback).map(directory.policies()::get);
    }

    Optional<EscalationPolicy> policy(String id) {
        return Optional.ofNullable(desk.directory().policies().get(id));
    }

    /**
     * A target as typed ({@code @bea}, {@code bea}, {@code schedule:platform}, {@code policy:platform})
     * checked against the files: its normal form, or an error naming the nearest names known.
     */
    public Target parse(String typed) {
        String text = typed.strip();
        OnCallDirectory directory = desk.directory();
        if (PersonReference.idOf(text).isPresent()) {
            return new Target(PersonReference.normalise(text), null);
        }
        int colon = text.indexOf(':');
        String kind = colon < 0 ? "person" : text.substring(0, colon).toLowerCase(Locale.ROOT);
        String id = colon < 0 ? text : text.substring(colon + 1);
        return switch (kind) {
            case "person" -> known(id, directory.people().keySet().stream(), "person", "person:" + id, null);
            case "schedule" -> known(id, directory.schedules().keySet().stream(), "schedule", "schedule:" + id, null);
            case "policy" -> known(id, directory.policies().keySet().stream(), "escalation policy", null, id);
            default -> throw new IllegalArgumentException("A target is @user, a person's key, schedule:<id> or "
                    + "policy:<id>; \"" + kind + ":\" is none of these.");
        };
    }

    private static Target known(String id, Stream<String> names, String what, String target, String policy) {
        List<String> all = names.sorted().toList();
        if (all.contains(id)) {
            return new Target(target, policy);
        }
        String hint = CommandSpecs.nearest(id, all).map(near -> "; did you mean " + near + "?")
                .orElse(all.isEmpty() ? " (none is set up in the on-call files)."
                        : "; known: " + String.join(", ", all.stream().limit(10).toList()) + ".");
        throw new IllegalArgumentException("There is no " + what + " \"" + id + "\"" + hint);
    }

    /** A target as the page keeps it: one to notify, or a policy to follow. */
    public record Target(String target, String policy) {
    }
}
