package io.sitrep.incident.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentEvent;

/**
 * The guards of the lifecycle table, as plain rules: each returns the reason an event may not
 * happen, or empty when it may. The engine calls them; they know nothing of it.
 */
final class TransitionGuards {

    private final ResolutionHealth health;

    TransitionGuards(ResolutionHealth health) {
        this.health = health;
    }

    Optional<String> check(IncidentEvent event, Incident incident, TransitionRequest request) {
        return switch (event) {
            case CANCEL -> requireText(request, "a reason");
            case IDENTIFY -> requireText(request, "the root cause");
            case MONITOR -> requireText(request, "what was done");
            case RESOLVE -> requireText(request, "the resolution").or(() -> healthySettled(incident, request));
            case REOPEN -> requireText(request, "a reason");
            case START_POSTMORTEM -> requireText(request, "an owner");
            case POST_UPDATE, ADD_NOTE, SET_POSTMORTEM_FIELD, ADD_MITIGATIVE_ACTION -> requireText(request, "text");
            case CLOSE -> postmortemComplete(incident);
            case ACCEPT, CHANGE_SEVERITY, ASSIGN_ROLE -> Optional.empty();
        };
    }

    /** The incident's targets healthy long enough, unless a person overrides with a reason. */
    private Optional<String> healthySettled(Incident incident, TransitionRequest request) {
        return request.forced() ? Optional.empty() : health.unsettled(incident);
    }

    private static Optional<String> requireText(TransitionRequest request, String what) {
        return request.hasText() ? Optional.empty() : Optional.of("it needs " + what);
    }

    private static Optional<String> postmortemComplete(Incident incident) {
        List<String> missing = new ArrayList<>();
        if (isBlank(incident.postmortem().summary())) {
            missing.add("summary");
        }
        if (isBlank(incident.effectiveRootCause())) {
            missing.add("root-cause");
        }
        if (isBlank(incident.effectiveResolution())) {
            missing.add("resolution");
        }
        if (incident.postmortem().actions().isEmpty()) {
            missing.add("at least one mitigative action (postmortem action <text>)");
        }
        return missing.isEmpty() ? Optional.empty()
                : Optional.of("the postmortem is missing: " + String.join(", ", missing));
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
