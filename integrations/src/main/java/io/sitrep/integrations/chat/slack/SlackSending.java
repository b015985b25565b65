package io.sitrep.integrations.chat.slack;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sitrep.incident.Incident;
import io.sitrep.incident.Platform;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.Delivery;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.IncidentCard;
import io.sitrep.integrations.chat.IncidentRoom;
import io.sitrep.integrations.chat.RoomPlatform;

/**
 * One try at one delivery on Slack. Each post carries a mark Slack keeps with it, so a retry
 * looks in the channel's history before posting again ({@link DeliveryPosts}).
 */
final class SlackSending implements RoomPlatform.Sending {

    private static final Logger log = LoggerFactory.getLogger(SlackSending.class);

    /** What every try uses: the Web API, the configured channels, the rooms and their cards. */
    record Tools(SlackWebApi api, SlackChannels channels, SlackRooms rooms, SlackCards cards, boolean archiveRooms) {
    }

    private final Tools tools;
    private final Delivery delivery;
    private final DeliveryPosts posts;

    SlackSending(Tools tools, Delivery delivery, DeliveryPosts posts) {
        this.tools = tools;
        this.delivery = delivery;
        this.posts = posts;
    }

    @Override
    public Optional<IncidentRoom> openRoom(Incident incident) {
        return tools.rooms().open(incident, delivery.actor());
    }

    @Override
    public IncidentRoom drawCard(IncidentRoom room, IncidentCard card, long version) {
        return tools.cards().draw(room, card, version, posts);
    }

    @Override
    public boolean post(int step, Audience audience, DeliveryMessage message, Incident incident,
                        Optional<IncidentRoom> room) {
        String text = tools.channels().slackText(message.text(), incident, room);
        Optional<String> channel;
        if (audience instanceof Audience.Room) {
            String id = room.orElseThrow().channelId();
            if (delivery.fromReminderClock()) {
                posts.post(step, id, "the reminder", r -> r.text(text)
                        .blocks(ReminderBlocks.render(text, incident.id().toString())));
            } else if (!message.actions().isEmpty()) {
                posts.post(step, id, "a post", r -> r.text(text).blocks(ActionBlocks.render(text, message.actions())));
            } else {
                posts.post(step, id, "a post", r -> r.text(text));
            }
            return true;
        } else if (audience instanceof Audience.Stakeholders) {
            channel = tools.channels().stakeholderChannel();
        } else if (audience instanceof Audience.Escalation) {
            channel = tools.channels().escalation();
        } else if (audience instanceof Audience.Person person && person.platform() == Platform.SLACK) {
            // Slack posts to a user's id in the direct message between them and Sitrep: no extra scope.
            channel = Optional.of(person.userId());
        } else {
            return false;
        }
        String what = audience instanceof Audience.Stakeholders ? "the stakeholder post"
                : audience instanceof Audience.Escalation ? "the escalation" : "a direct message";
        channel.ifPresent(id -> posts.post(step, id, what, r -> r.text(text)));
        return channel.isPresent();
    }

    /**
     * A closed or cancelled incident's channel is archived once its last posts are out: it stays
     * readable and searchable, and leaves the channel list of everyone who was in it.
     */
    @Override
    public boolean archive(IncidentRoom room) {
        if (!tools.archiveRooms()) {
            return false;
        }
        String channel = room.channelId();
        try {
            tools.api().call("conversations.archive", channel, c -> c.conversationsArchive(r -> r.channel(channel)));
        } catch (SlackCallFailedException e) {
            if (!"already_archived".equals(e.error())) {
                log.warn("Could not archive the channel {}: {}", channel, e.getMessage());
                return false;
            }
        }
        return true;
    }

    @Override
    public List<String> failures() {
        return posts.failures();
    }
}
