package io.sitrep.bot.lifecycle;

import java.util.List;

import io.sitrep.incident.Incident;
import io.sitrep.bot.command.IncidentCommand;
import io.sitrep.bot.command.Invocation;
import io.sitrep.bot.command.Reply;

/** {@code list}: the incidents that are neither closed nor cancelled. */
final class ListCommand implements IncidentCommand {

    /** {@code  (SEV1: 2, SEV3: 40)}, when there are several. */
    private static String bySeverity(List<Incident> open) {
        if (open.size() < 2) {
            return "";
        }
        java.util.Map<io.sitrep.incident.Severity, Long> counts = new java.util.EnumMap<>(io.sitrep.incident.Severity.class);
        open.forEach(i -> counts.merge(i.severity(), 1L, Long::sum));
        return " (" + counts.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(java.util.stream.Collectors.joining(", ")) + ")";
    }

    @Override
    public Reply run(Invocation in) {
        List<Incident> open = in.context().store().findOpen();
        if (open.isEmpty()) {
            return Reply.text("No open incidents.");
        }
        // Most severe first, then newest: what a responder scanning a busy list needs to see.
        List<String> lines = open.stream()
                .sorted(java.util.Comparator.comparing(Incident::severity)
                        .thenComparing(Incident::id, java.util.Comparator.reverseOrder()))
                .map(incident -> IncidentTexts.headline(incident) + " · #" + incident.channel() + " · commander "
                        + incident.roles().getOrDefault(io.sitrep.incident.Role.COMMANDER, "—"))
                .toList();
        String header = open.size() + (open.size() == 1 ? " open incident" : " open incidents") + bySeverity(open) + ":";
        return Reply.text(ChatBudget.fit(header, lines, left -> "… and " + left + " more, less severe or older. "
                + "All of them: GET /api/incidents (paged).", shown -> shown));
    }
}
