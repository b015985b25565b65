package io.sitrep.bot.paging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.sitrep.bot.oncall.EscalationPolicy;
import io.sitrep.bot.oncall.Person;
import io.sitrep.bot.text.Times;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentChange;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.Watcher;
import io.sitrep.incident.paging.Page;

/**
 * What the clock does when a page falls due: notify its next level — the people its targets and
 * its policy's level name at that moment — or, when the levels (and their repeats) have run
 * out, end it saying nobody answered. Run inside the incident's compare-and-set, so a level is
 * notified once however many replicas hold the incident, and an acknowledgement written first
 * leaves nothing to do.
 */
public final class PageStep {

    private final PageTargets targets;
    private final Duration targetWait;
    private final String defaultPolicy;

    /**
     * @param targetWait    how long a level of the page's own targets (not its policy's) waits
     * @param defaultPolicy the policy of incidents whose service no policy names; null: none
     */
    public PageStep(PageTargets targets, Duration targetWait, String defaultPolicy) {
        this.targets = targets;
        this.targetWait = targetWait;
        this.defaultPolicy = defaultPolicy;
    }

    /**
     * The page an overdue stakeholder update asks for: the commander first, then the policy of
     * the incident's service; empty when there is nobody to page or a page for it runs already.
     */
    public Optional<Incident> withOverdueUpdatePage(Incident current, Instant now) {
        String commander = current.roles().get(io.sitrep.incident.Role.COMMANDER);
        String policy = targets.policyFor(current.service(), defaultPolicy).map(EscalationPolicy::id).orElse(null);
        boolean running = current.paging().live().stream().anyMatch(p -> p.reason().startsWith(OVERDUE));
        if (running || commander == null && policy == null) {
            return Optional.empty();
        }
        Page page = Page.requested(current.paging().nextId(), OVERDUE + " for " + current.id() + " " + current.title(),
                "sitrep", commander == null ? List.of() : List.of(commander), policy, now);
        return Optional.of(current.toBuilder().version(current.version()).paging(current.paging().with(page)).build());
    }

    private static final String OVERDUE = "The stakeholder update is overdue";

    /** One level: whom it names, how long it waits for an acknowledgement. */
    record Level(List<String> names, Duration escalateAfter) {
    }

    /** The change the due page makes at {@code now}; empty when no page is due. */
    public Optional<IncidentChange> step(Incident current, Instant now) {
        Optional<Page> due = current.paging().nextDue().filter(page -> !page.dueAt().isAfter(now));
        if (due.isEmpty()) {
            return Optional.empty();
        }
        Page page = due.get();
        List<Level> levels = levels(page);
        int repeat = page.policy() == null ? 0 : targets.policy(page.policy()).map(EscalationPolicy::repeat).orElse(0);
        int level = page.level() + 1;
        int round = page.round();
        if (level >= levels.size() && round < repeat) {
            level = 0;
            round++;
        }
        if (level >= levels.size()) {
            return Optional.of(exhausted(current, page, now));
        }
        return Optional.of(notify(current, page, levels, level, round, now));
    }

    private IncidentChange notify(Incident current, Page page, List<Level> levels, int level, int round, Instant now) {
        Level next = levels.get(level);
        List<Person> people = new ArrayList<>();
        for (String name : next.names()) {
            targets.people(name, now).stream().filter(p -> people.stream().noneMatch(q -> q.key().equals(p.key())))
                    .forEach(people::add);
        }
        List<Page.Notification> sent = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        for (Person person : people) {
            List<Page.Notification> methods = targets.notifications(person, level, round, now);
            if (methods.isEmpty()) {
                unreachable.add(person.key());
            }
            sent.addAll(methods);
        }
        // Nobody to wake at this level (nobody on call, nobody reachable): try the next one now.
        Instant dueAgain = sent.isEmpty() ? now : now.plus(next.escalateAfter());
        Page notified = page.notifiedAt(level, round, sent, dueAgain);
        List<TimelineEntry> entries = new ArrayList<>();
        String id = current.id() + "/" + page.id();
        String levelText = "level " + (level + 1) + " of " + levels.size() + (round > 0 ? ", repeat " + round : "");
        if (page.level() >= 0 || round > 0) {
            entries.add(entry(now, TimelineKind.ESCALATED, "Nobody acknowledged " + id + " within "
                    + Times.duration(levels.get(Math.max(page.level(), 0)).escalateAfter()) + "; escalating to " + levelText + ".",
                    data(page, level, round)));
        }
        List<String> keys = people.stream().map(Person::key).toList();
        Map<String, Object> paged = data(page, level, round);
        paged.put("targets", next.names());
        paged.put("people", keys);
        paged.put("reason", page.reason());
        entries.add(entry(now, TimelineKind.PAGED, (keys.isEmpty() ? "Nobody to page" : "Paged " + String.join(", ", keys))
                + " for " + id + " (" + String.join(", ", next.names()) + ", " + levelText + "): " + page.reason()
                + (sent.isEmpty() ? "" : ". Acknowledge with /incident ack " + current.id() + "."), paged));
        for (String person : unreachable) {
            Map<String, Object> failed = data(page, level, round);
            failed.put("person", person);
            failed.put("failed", true);
            entries.add(entry(now, TimelineKind.NOTIFIED, person + " could not be notified for " + id
                    + ": people.yml gives them no contact method that is set up here.", failed));
        }
        Incident withPage = current.toBuilder().paging(current.paging().updated(page.id(), p -> notified)).build();
        return new IncidentChange(withPage, entries);
    }

    private IncidentChange exhausted(Incident current, Page page, Instant now) {
        String id = current.id() + "/" + page.id();
        Map<String, Object> data = data(page, page.level(), page.round());
        data.put("exhausted", true);
        String text = "Nobody acknowledged " + id + " (" + page.reason() + ") after every level"
                + (page.round() > 0 ? " and " + page.round() + " repeat" + (page.round() == 1 ? "" : "s") : "")
                + "; paged " + (page.people().isEmpty() ? "nobody" : String.join(", ", page.people()))
                + ". Page someone directly: /incident page " + current.id() + " <@user|schedule:id>.";
        Incident next = current.toBuilder()
                .paging(current.paging().updated(page.id(), p -> p.ended(now, "nobody acknowledged"))).build();
        return new IncidentChange(next, List.of(entry(now, TimelineKind.ESCALATED, text, data)));
    }

    /**
     * Where pages fell due but nothing can page (the on-call files were taken away): they end,
     * saying so, rather than fall due again and again.
     */
    public static IncidentChange unpageable(Incident current, Instant now) {
        String why = "paging is not set up (no on-call files)";
        Incident next = current.toBuilder().paging(current.paging().endedAll(now, why)).build();
        return new IncidentChange(next, List.of(entry(now, TimelineKind.ESCALATED, "The pages of " + current.id()
                + " ended: " + why + ".", Map.of("exhausted", true))));
    }

    /** The page's own targets, a level each, then its policy's levels (a policy no longer in the files has none). */
    List<Level> levels(Page page) {
        List<Level> levels = new ArrayList<>();
        page.targets().forEach(target -> levels.add(new Level(List.of(target), targetWait)));
        if (page.policy() != null) {
            targets.policy(page.policy()).ifPresent(policy -> policy.levels().forEach(level -> levels.add(
                    new Level(level.targets().stream().map(EscalationPolicy.Target::toString).toList(),
                            level.escalateAfter()))));
        }
        return levels;
    }

    private static Map<String, Object> data(Page page, int level, int round) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("page", page.id());
        data.put("level", level + 1);
        data.put("round", round);
        if (page.policy() != null) {
            data.put("policy", page.policy());
        }
        return data;
    }

    private static TimelineEntry entry(Instant now, TimelineKind kind, String text, Map<String, Object> data) {
        return new TimelineEntry(now, now, kind, "sitrep", Watcher.PAGER.wireName(), text, data);
    }
}
