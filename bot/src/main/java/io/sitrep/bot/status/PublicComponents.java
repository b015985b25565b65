package io.sitrep.bot.status;

import java.util.List;

import io.sitrep.config.StatusSettings;
import io.sitrep.incident.Incident;

/** The status page's components an incident affects: the page and its subscribers read them alike. */
public final class PublicComponents {

    private PublicComponents() {
    }

    /** The components an incident names: those configured for its service (and region), or one made from them. */
    public static List<String> of(Incident incident, StatusSettings settings) {
        if (incident.service() == null || incident.service().isBlank()) {
            return List.of();
        }
        if (settings.components().isEmpty()) {
            return List.of(incident.service() + (incident.region() == null || incident.region().isBlank() ? ""
                    : " (" + incident.region() + ")"));
        }
        return settings.components().stream()
                .filter(c -> incident.service().equalsIgnoreCase(c.service()))
                .filter(c -> c.region() == null || c.region().equalsIgnoreCase(incident.region()))
                .map(StatusSettings.Component::name)
                .toList();
    }

    /** A responder mentioned in a post ({@code <@U0BOB>}) is no one the public needs to know. */
    public static String anonymous(String text) {
        return text == null ? null : io.sitrep.incident.People.MENTION.matcher(text).replaceAll("a responder");
    }
}
