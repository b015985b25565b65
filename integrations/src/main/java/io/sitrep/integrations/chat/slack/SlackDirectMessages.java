package io.sitrep.integrations.chat.slack;

import io.sitrep.integrations.chat.PostponedDelivery;

/**
 * A direct message with one Slack user: its channel ({@code D…}), opened (or found, when it
 * exists) by Slack. Posted to by its id rather than the user's, so that a retry can read its
 * history for a post an earlier try got in, and a click on a button there names the channel.
 */
final class SlackDirectMessages {

    private SlackDirectMessages() {
    }

    /**
     * @return the channel's id
     * @throws SlackCallFailedException when Slack refuses it for good ({@code user_not_found},
     *                                  {@code cannot_dm_bot}, {@code user_disabled})
     * @throws PostponedDelivery        when Slack cannot be asked now
     */
    static String open(SlackWebApi api, String userId) throws SlackCallFailedException {
        try {
            return api.call("conversations.open", c -> c.conversationsOpen(r -> r.users(java.util.List.of(userId))))
                    .getChannel().getId();
        } catch (SlackCallFailedException e) {
            if (e.passing()) {
                throw new PostponedDelivery("Slack: " + e.getMessage(), e.retryAfter());
            }
            throw e;
        }
    }
}
