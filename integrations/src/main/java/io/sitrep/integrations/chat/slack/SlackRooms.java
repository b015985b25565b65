package io.sitrep.integrations.chat.slack;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.slack.api.methods.response.conversations.ConversationsCreateResponse;
import com.slack.api.methods.response.conversations.ConversationsListResponse;
import com.slack.api.model.Conversation;
import com.slack.api.model.ConversationType;

import io.sitrep.incident.Incident;
import io.sitrep.integrations.chat.Actor;
import io.sitrep.integrations.chat.IncidentRoom;
import io.sitrep.integrations.chat.PostponedDelivery;

/**
 * Incident channels on Slack: created under the incident's channel name (with a suffix when it
 * is taken by someone else), the declarer invited. A retry whose earlier try made the channel
 * before its answer was lost finds it rather than making a second one.
 */
final class SlackRooms {

    private static final Logger log = LoggerFactory.getLogger(SlackRooms.class);
    /** Names tried after the plain one is taken: {@code inc-7-api-2} … {@code inc-7-api-9}. */
    private static final int NAME_SUFFIXES = 9;
    /** Enough for 20,000 channels; past that, a taken name gets a suffix as if someone else had it. */
    private static final int MAX_LIST_PAGES = 20;

    private final SlackWebApi api;
    private volatile String botUserId;

    SlackRooms(SlackWebApi api) {
        this.api = api;
    }

    /** Creates the channel and invites the declarer. */
    Optional<IncidentRoom> open(Incident incident, Actor declarer) {
        Optional<IncidentRoom> created = createChannel(incident);
        created.ifPresent(room -> {
            if (declarer.id() != null) {
                invite(room.channelId(), declarer.id());
            }
        });
        return created;
    }

    private Optional<IncidentRoom> createChannel(Incident incident) {
        String base = incident.channel();
        for (int n = 1; n <= NAME_SUFFIXES; n++) {
            String name = n == 1 ? base : SlackChannels.withSuffix(base, "-" + n);
            try {
                ConversationsCreateResponse created = api.call("conversations.create",
                        c -> c.conversationsCreate(r -> r.name(name).isPrivate(false)));
                log.info("{} has Slack channel #{} ({})", incident.id(), name, created.getChannel().getId());
                return Optional.of(IncidentRoom.opened(SlackCommandAdapter.PLATFORM, created.getChannel().getId(), name));
            } catch (SlackCallFailedException e) {
                if (e.passing()) {
                    throw new PostponedDelivery("Slack: " + e.getMessage(), e.retryAfter());
                }
                if (!"name_taken".equals(e.error())) {
                    log.warn("Could not create a Slack channel for {}: {}", incident.id(), e.getMessage());
                    return Optional.empty();
                }
                // Taken by an earlier try whose answer was lost (a retry after a timeout or 5xx)?
                // Then it is this incident's channel; otherwise someone else's, and a suffix follows.
                Optional<String> ours = ownChannelNamed(name);
                if (ours.isPresent()) {
                    log.info("{} has Slack channel #{} ({}), made by an earlier try", incident.id(), name, ours.get());
                    return Optional.of(IncidentRoom.opened(SlackCommandAdapter.PLATFORM, ours.get(), name));
                }
            }
        }
        log.warn("Could not create a Slack channel for {}: #{} and its suffixes -2 … -{} are all taken",
                incident.id(), base, NAME_SUFFIXES);
        return Optional.empty();
    }

    /** A live public channel of that name that Sitrep's bot user created, if there is one. */
    private Optional<String> ownChannelNamed(String name) {
        try {
            String me = botUserId();
            String cursor = "";
            for (int page = 0; page < MAX_LIST_PAGES; page++) {
                String from = cursor;
                ConversationsListResponse list = api.call("conversations.list", c -> c.conversationsList(r -> r
                        .excludeArchived(true).limit(1000).types(List.of(ConversationType.PUBLIC_CHANNEL))
                        .cursor(from.isEmpty() ? null : from)));
                for (Conversation channel : list.getChannels()) {
                    if (name.equals(channel.getName()) && me.equals(channel.getCreator())) {
                        return Optional.of(channel.getId());
                    }
                }
                cursor = list.getResponseMetadata() == null ? "" : String.valueOf(list.getResponseMetadata().getNextCursor());
                if (cursor.isBlank() || "null".equals(cursor)) {
                    return Optional.empty();
                }
            }
        } catch (SlackCallFailedException e) {
            log.warn("Could not look for an earlier #{}: {}", name, e.getMessage());
        }
        return Optional.empty();
    }

    /** Sitrep's own Slack user, asked once, on this posting thread, never on a request's path. */
    private String botUserId() throws SlackCallFailedException {
        String id = botUserId;
        if (id == null) {
            id = api.call("auth.test", c -> c.authTest(r -> r)).getUserId();
            botUserId = id;
        }
        return id;
    }

    private void invite(String channel, String user) {
        try {
            api.call("conversations.invite", channel, c -> c.conversationsInvite(r -> r.channel(channel).users(List.of(user))));
        } catch (SlackCallFailedException e) {
            if (!"already_in_channel".equals(e.error()) && !"cant_invite_self".equals(e.error())) {
                log.warn("Could not invite {} to {}: {}", user, channel, e.getMessage());
            }
        }
    }
}
