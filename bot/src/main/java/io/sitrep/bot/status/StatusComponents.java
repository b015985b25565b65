package io.sitrep.bot.status;

import java.util.List;

import io.sitrep.config.StatusSettings;
import io.sitrep.incident.Incident;

/** What the public is told of an incident's reach and words, the same on the page and in subscribers' mail. */
public final class StatusComponents {

    private StatusComponents() {
    }

    /** The components an incident names: those configured for its service (and region), or one made from them. */
    public static List<String> affected(StatusSettings settings, Incident incident) {
        return affected(settings, incident.service(), incident.region());
    }

    /**
     * The components a service (and region) names: those configured for it, or one made from
     * them. Incidents and maintenance windows are shown against the same components.
     */
    public static List<String> affected(StatusSettings settings, String service, String region) {
        if (service == null || service.isBlank()) {
            return List.of();
        }
        if (settings.components().isEmpty()) {
            return List.of(service + (region == null || region.isBlank() ? "" : " (" + region + ")"));
        }
        return settings.components().stream()
                .filter(c -> service.equalsIgnoreCase(c.service()))
                .filter(c -> c.region() == null || c.region().equalsIgnoreCase(region))
                .map(StatusSettings.Component::name)
                .toList();
    }

    /** A responder mentioned in a post ({@code <@U0BOB>}) is no one the public needs to know. */
    public static String anonymous(String text) {
        return text == null ? null : io.sitrep.incident.People.MENTION.matcher(text).replaceAll("a responder");
    }
}
