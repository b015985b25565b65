package io.sitrep.integrations.chat;

/**
 * An incident's own channel on one platform, once it exists there.
 *
 * @param channelId     the platform's id for it ({@code C0123} on Slack)
 * @param channelName   its name as created; a suffix is added when the plain name was taken
 * @param cardMessageId the pinned incident card, kept current; null until posted
 * @param cardVersion   the incident version the card shows, so an unchanged incident is not redrawn
 * @param topic         the topic last set, so that an unchanged one is not set again
 * @param archived      put away once the incident was closed or cancelled (absent, so false, in rooms
 *                      stored before archiving existed)
 */
public record IncidentRoom(String platform, String channelId, String channelName, String cardMessageId,
                           long cardVersion, String topic, boolean archived) {

    public IncidentRoom {
        if (platform == null || platform.isBlank() || channelId == null || channelId.isBlank()) {
            throw new IllegalArgumentException("a room needs a platform and a channel id");
        }
    }

    /** A room just created: no card, no topic yet. */
    public static IncidentRoom opened(String platform, String channelId, String channelName) {
        return new IncidentRoom(platform, channelId, channelName, null, 0, null, false);
    }

    public IncidentRoom withCard(String messageId, long version) {
        return new IncidentRoom(platform, channelId, channelName, messageId, version, topic, archived);
    }

    public IncidentRoom withTopic(String newTopic) {
        return new IncidentRoom(platform, channelId, channelName, cardMessageId, cardVersion, newTopic, archived);
    }

    public IncidentRoom asArchived() {
        return new IncidentRoom(platform, channelId, channelName, cardMessageId, cardVersion, topic, true);
    }

    /** Whether the card already shows this version of the incident. */
    public boolean cardShows(long incidentVersion) {
        return cardMessageId != null && cardVersion == incidentVersion;
    }
}
