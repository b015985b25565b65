package io.sitrep.bot.status;

import java.time.Instant;
import java.util.List;

/**
 * What the public may know, and nothing else: components and their status, and each public
 * incident's title, impact, the components it affected and its stakeholder posts — never
 * notes, node names, responders, health details or private incidents. Maintenance windows
 * scheduled or in progress are {@code maintenance}; those over (completed or called off) are
 * {@code pastMaintenance}.
 */
record PublicStatus(String title, Instant generatedAt, List<ComponentStatus> components, List<PublicIncident> active,
                    List<PublicIncident> history, List<PublicMaintenance> maintenance,
                    List<PublicMaintenance> pastMaintenance) {

    PublicStatus(String title, Instant generatedAt, List<ComponentStatus> components, List<PublicIncident> active,
                 List<PublicIncident> history) {
        this(title, generatedAt, components, active, history, List.of(), List.of());
    }

    PublicStatus withMaintenance(List<PublicMaintenance> ahead, List<PublicMaintenance> over) {
        return new PublicStatus(title, generatedAt, components, active, history, List.copyOf(ahead), List.copyOf(over));
    }

    /**
     * A maintenance window as the public sees it: no one's name, its window in UTC
     * ({@code Dec 8, 2026 02:00 – 04:00 UTC}), the components of its service, its posts newest first.
     *
     * @param state {@code Scheduled}, {@code In progress}, {@code Completed} or {@code Cancelled}
     */
    record PublicMaintenance(String id, String title, String state, String window, Instant from, Instant to,
                             List<String> affected, List<Post> posts) {
    }

    /** @param days the last 90 days, oldest first: the worst impact of each, or null for none */
    record ComponentStatus(String name, Impact status, List<Impact> days) {
    }

    /** How bad it is for customers, from the incident's severity. */
    enum Impact {
        OPERATIONAL("Operational"), DEGRADED("Degraded performance"), PARTIAL("Partial outage"), MAJOR("Major outage");

        private final String label;

        Impact(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    /** @param postmortem the published postmortem, once the incident is closed; null before */
    record PublicIncident(String id, String title, Impact impact, String state, boolean resolved,
                          List<String> affected, List<Post> posts, Instant startedAt, Instant endedAt,
                          Postmortem postmortem) {
    }

    /** A stakeholder post: its label ({@code Investigating} … {@code Postmortem}), its text and when. */
    record Post(String label, String text, Instant at) {
    }

    record Postmortem(String category, String summary, String rootCause, String resolution, List<String> actions,
                      Instant completedAt) {
    }
}
