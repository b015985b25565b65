package io.sitrep.integrations.chat;

/**
 * An incident's own channel on one platform, once it exists there.
 *
 * @param channelId     the platform's id for it ({@code C0123} on Slack)
 * @param channelName   its name as created; a suffix is added when the plain name was taken
 * @param cardMessageId the pinned incident card, kept current; null until posted
 * @param topic         the topic last set, so that an unchanged one is not set again
 */
public record IncidentRoom(String platform, String channelId, String channelName, String cardMessageId, String topic) {

    public IncidentRoom {
        if (platform == null || platform.isBlank() || channelId == null || channelId.isBlank()) {
            throw new IllegalArgumentException("a room needs a platform and a channel id");
        }
    }

    public IncidentRoom withCard(String messageId) {
        return new IncidentRoom(platform, channelId, channelName, messageId, topic);
    }

    public IncidentRoom withTopic(String newTopic) {
        return new IncidentRoom(platform, channelId, channelName, cardMessageId, newTopic);
    }
}
