package io.sitrep.bot.paging;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentChange;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.ReminderPlan;
import io.sitrep.incident.Severity;
import io.sitrep.incident.Watcher;
import io.sitrep.incident.paging.Page;
import io.sitrep.incident.paging.Paging;

/**
 * When an incident pages by itself, written into the change that makes it so, whoever writes
 * it: declared at a paging severity (or raised to one before any page), or opened by an alert
 * or the health watch — it then pages the escalation policy of its service (else the default
 * policy) — and when it is resolved or cancelled, its pages end. A page asked for here is due at
 * once; the clock notifies it, so the notification is as durable as the change.
 */
public final class PagingRule implements IncidentWriter.Rule {

    private final PageTargets targets;
    private final Set<Severity> severities;
    private final String defaultPolicy;
    private final Clock clock;

    public PagingRule(PageTargets targets, Set<Severity> severities, String defaultPolicy, Clock clock) {
        this.targets = targets;
        this.severities = Set.copyOf(severities);
        this.defaultPolicy = defaultPolicy;
        this.clock = clock;
    }

    @Override
    public IncidentChange apply(Incident before, IncidentChange change) {
        Incident after = change.incident();
        Instant now = change.entries().isEmpty() ? clock.instant() : change.entries().get(0).recordedAt();
        if (!ReminderPlan.pagesRun(after.state())) {
            if (after.paging().live().isEmpty()) {
                return change;
            }
            String why = after.id() + " " + after.state().name().toLowerCase(java.util.Locale.ROOT);
            return replaced(change, after.toBuilder().version(after.version()).paging(after.paging().endedAll(now, why))
                    .build());
        }
        String reason = reason(before, change);
        if (reason == null || !after.paging().isEmpty()) {
            return change;
        }
        return targets.policyFor(after.service(), defaultPolicy)
                .map(policy -> replaced(change, after.toBuilder().version(after.version()).paging(Paging.NONE.with(
                        Page.requested(Paging.NONE.nextId(), reason, requester(change), List.of(), policy.id(), now)))
                        .build()))
                .orElse(change);
    }

    /** Why this change pages, or null when it does not. */
    private String reason(Incident before, IncidentChange change) {
        Incident after = change.incident();
        String source = change.entries().isEmpty() ? "" : change.entries().get(0).source();
        if (before == null && (Watcher.ALERT.wireName().equals(source) || Watcher.HEALTH.wireName().equals(source))) {
            return after.severity() + " " + after.title() + " (opened by " + source + ")";
        }
        if (!severities.contains(after.severity())) {
            return null;
        }
        if (before == null) {
            return after.severity() + " " + after.title() + " (declared by " + after.declaredBy() + ")";
        }
        if (!severities.contains(before.severity())) {
            return after.severity() + " " + after.title() + " (raised from " + before.severity() + ")";
        }
        return null;
    }

    private static String requester(IncidentChange change) {
        return change.entries().isEmpty() ? "sitrep" : change.entries().get(0).actor();
    }

    private static IncidentChange replaced(IncidentChange change, Incident incident) {
        return new IncidentChange(incident, change.entries());
    }
}
