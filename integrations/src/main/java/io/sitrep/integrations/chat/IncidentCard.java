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

    /**
     * One labelled value of the card, in the order every platform shows them.
     *
     * @param standIn whether {@code value} is Sitrep's word for a role nobody holds ({@code unassigned}),
     *                which platforms show in italics; a missing service or node is a plain {@code —}
     */
    public record Field(String label, String value, boolean standIn) {
    }

    /** Status, severity, each role, service, region, nodes. */
    public List<Field> fields() {
        List<Field> fields = new java.util.ArrayList<>();
        fields.add(new Field("Status", status, false));
        fields.add(new Field("Severity", severity, false));
        for (Map.Entry<String, String> role : roles.entrySet()) {
            String label = role.getKey().substring(0, 1).toUpperCase(java.util.Locale.ROOT) + role.getKey().substring(1);
            fields.add(role.getValue() == null ? new Field(label, "unassigned", true) : new Field(label, role.getValue(), false));
        }
        fields.add(orDash("Service", service));
        fields.add(orDash("Region", region));
        fields.add(orDash("Nodes", nodes.isEmpty() ? null : String.join(", ", nodes)));
        return fields;
    }

    /** Whether the incident is over (resolved or later, or cancelled), when no update is due. */
    public boolean updateDue() {
        return nextUpdateDueAt != null;
    }

    private static Field orDash(String label, String value) {
        return value == null || value.isBlank() ? new Field(label, "—", false) : new Field(label, value, false);
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
