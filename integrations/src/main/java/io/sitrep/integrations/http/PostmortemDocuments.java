package io.sitrep.integrations.http;

import io.sitrep.incident.IncidentId;

/** Renders an incident's postmortem document; the application implements it. */
public interface PostmortemDocuments {

    /** A rendered document: its bytes as text, its media type, and a file name to save it under. */
    record Document(String body, String mediaType, String fileName) {
    }

    /**
     * @param format {@code md}, {@code json} or {@code html}
     * @throws IllegalArgumentException for another format
     * @throws io.sitrep.incident.IncidentNotFoundException when there is no such incident
     */
    Document render(IncidentId incident, String format);
}
