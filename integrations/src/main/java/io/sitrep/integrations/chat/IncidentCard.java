package io.sitrep.integrations.chat;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentEvent;
import io.sitrep.incident.ReminderPlan;
import io.sitrep.incident.Role;

/**
 * What an incident card shows, the same on every platform; each adapter only renders it.
 *
 * @param roles   every role by its word, in order, with the person or null when unassigned
 * @param overdue whether the update is overdue and already escalated
 * @param actions the next steps that are legal now
 */
public record IncidentCard(
        String id,
        String title,
        String status,
        String severity,
        Map<String, String> roles,
        String service,
        String region,
        List<String> nodes,
        Instant lastUpdateAt,
        Instant nextUpdateDueAt,
        boolean overdue,
        List<CardAction> actions) {

    public static IncidentCard of(Incident incident, Set<IncidentEvent> legal) {
        Map<String, String> roles = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            roles.put(role.word(), incident.roles().get(role));
        }
        List<CardAction> actions = Arrays.stream(CardAction.values()).filter(a -> legal.contains(a.event())).toList();
        return new IncidentCard(incident.id().toString(), incident.title(), incident.state().label(),
                incident.severity().name(), Collections.unmodifiableMap(roles), incident.service(), incident.region(),
                List.copyOf(incident.nodes()), incident.lastUpdateAt(), incident.nextUpdateDueAt(),
                ReminderPlan.escalatedInStretch(incident), actions);
    }

    /** The channel topic: {@code Investigating · SEV2 · commander alice · INC-7 Checkout errors}. */
    public String topic() {
        String commander = roles.get(Role.COMMANDER.word());
        return status + " · " + severity + " · commander " + (commander == null ? "unassigned" : commander)
                + " · " + id + " " + title;
    }

    /** {@code INC-7 · SEV2 · Investigating · Checkout errors}: where a platform shows plain text. */
    public String headline() {
        return id + " · " + severity + " · " + status + " · " + title;
    }
}
