package io.sitrep.integrations.chat.slack;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.slack.api.methods.request.chat.ChatPostMessageRequest.ChatPostMessageRequestBuilder;

import io.sitrep.incident.Incident;
import io.sitrep.incident.Platform;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.Delivery;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.DeliverySteps;
import io.sitrep.integrations.chat.IncidentCard;
import io.sitrep.integrations.chat.IncidentRoom;
import io.sitrep.integrations.chat.RoomPlatform;
import io.sitrep.integrations.chat.RoomPlatform.Posted;

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
    private final DeliverySteps steps;

    SlackSending(Tools tools, Delivery delivery, DeliveryPosts posts, DeliverySteps steps) {
        this.tools = tools;
        this.delivery = delivery;
        this.posts = posts;
        this.steps = steps;
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
    public Posted post(int step, Audience audience, DeliveryMessage message, Incident incident,
                       Optional<IncidentRoom> room) {
        String text = tools.channels().slackText(message.text(), incident, room);
        UnaryOperator<ChatPostMessageRequestBuilder> plain = r -> r.text(text);
        UnaryOperator<ChatPostMessageRequestBuilder> withButtons = message.actions().isEmpty() ? plain
                : r -> r.text(text).blocks(ActionBlocks.render(text, message.actions()));
        if (audience instanceof Audience.Room) {
            String id = room.orElseThrow().channelId();
            if (delivery.fromReminderClock()) {
                return posted(posts.post(step, id, "the reminder", r -> r.text(text)
                        .blocks(ReminderBlocks.render(text, incident.id().toString()))));
            }
            return posted(posts.post(step, id, "a post", withButtons));
        } else if (audience instanceof Audience.Person person && person.platform() == Platform.SLACK) {
            return direct(step, person.userId(), withButtons);
        }
        Optional<String> channel;
        if (audience instanceof Audience.Stakeholders) {
            channel = tools.channels().stakeholderChannel();
        } else if (audience instanceof Audience.Escalation) {
            channel = tools.channels().escalation();
        } else {
            return Posted.NOWHERE;
        }
        String what = audience instanceof Audience.Stakeholders ? "the stakeholder post" : "the escalation";
        return channel.map(id -> posted(posts.post(step, id, what, plain))).orElse(Posted.NOWHERE);
    }

    /** A direct message, with its buttons (a page's Acknowledge): Slack opens the conversation first. */
    private Posted direct(int step, String user, UnaryOperator<ChatPostMessageRequestBuilder> message) {
        String channel;
        try {
            channel = SlackDirectMessages.open(tools.api(), user);
        } catch (SlackCallFailedException refused) {
            String error = posts.refused("a direct message", user, refused);
            steps.markDone(step);
            return Posted.refused(error);
        }
        return posted(posts.post(step, channel, "a direct message", message));
    }

    private static Posted posted(Optional<String> refusal) {
        return refusal.map(Posted::refused).orElse(Posted.SENT);
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
