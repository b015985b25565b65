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
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.lifecycle.IncidentLifecycle;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.chat.Actor;
import io.sitrep.integrations.chat.ChatGateway;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.Delivery;
import io.sitrep.integrations.chat.IncidentCard;
import io.sitrep.integrations.chat.DeliveryResult;
import io.sitrep.integrations.chat.DeliverySteps;
import io.sitrep.integrations.chat.PostponedDelivery;
import io.sitrep.integrations.chat.IncidentRoom;
import io.sitrep.integrations.chat.IncidentRooms;

/**
 * Slack's outbound side. A declare typed on Slack gets its own channel (invite, topic, pinned
 * card); after every change to an incident that lives on Slack, wherever the command came
 * from, the channel's messages are posted, the card and topic are brought up to date, and
 * stakeholder posts go to the stakeholder channel.
 *
 * <p>It is called by the delivery workers, one delivery of an incident at a time, in order. The
 * incident change itself is already stored; Slack being down only postpones the posts still owed,
 * and a post Slack refuses for good is reported rather than retried.
 */
public final class SlackGateway implements ChatGateway {

    private static final Logger log = LoggerFactory.getLogger(SlackGateway.class);
    private static final int TOPIC_LIMIT = 250;
    /** Names tried after the plain one is taken: {@code inc-7-api-2} … {@code inc-7-api-9}. */
    private static final int NAME_SUFFIXES = 9;

    private final SlackWebApi api;
    private final IncidentStore store;
    private final IncidentLifecycle lifecycle;
    private final IncidentRooms rooms;
    private final SlackChannels channels;
    private final boolean archiveRooms;
    private volatile String botUserId;
    /** Enough for 20,000 channels; past that, a taken name gets a suffix as if someone else had it. */
    private static final int MAX_LIST_PAGES = 20;

    SlackGateway(SlackWebApi api, IncidentStore store, IncidentLifecycle lifecycle, IncidentRooms rooms,
                 SlackChannels channels, boolean archiveRooms) {
        this.archiveRooms = archiveRooms;
        this.api = api;
        this.store = store;
        this.lifecycle = lifecycle;
        this.rooms = rooms;
        this.channels = channels;
    }

    @Override
    public DeliveryResult deliver(Delivery delivery, DeliverySteps steps) {
        try {
            return deliverNow(delivery, steps);
        } catch (PostponedDelivery e) {
            return e.asResult();
        }
    }

    @Override
    public String platform() {
        return SlackCommandAdapter.PLATFORM;
    }

    private DeliveryResult deliverNow(Delivery delivery, DeliverySteps steps) {
        IncidentId id = delivery.incident();
        Optional<Incident> found = store.find(id);
        if (found.isEmpty()) {
            return DeliveryResult.delivered();
        }
        Incident incident = found.get();
        boolean fromSlack = SlackCommandAdapter.PLATFORM.equals(delivery.origin());
        Optional<IncidentRoom> room = rooms.find(id, SlackCommandAdapter.PLATFORM);
        boolean opened = false;
        // Incidents declared on Slack get a room, and so do those Sitrep opens itself (health, alerts).
        if (room.isEmpty() && (fromSlack || delivery.fromIncidentOpener()) && delivery.opensRoom()) {
            room = openRoom(incident, delivery.actor());
            opened = room.isPresent();
        }
        if (room.isEmpty() && (!fromSlack || !opened && rooms.livesElsewhere(id, SlackCommandAdapter.PLATFORM))) {
            return DeliveryResult.delivered(); // an incident of another platform
        }
        DeliveryPosts posts = new DeliveryPosts(api, steps);
        // The card first: a new channel opens with it, and stakeholders' link leads to it.
        room.ifPresent(r -> {
            try {
                refresh(incident, r, posts);
            } catch (PostponedDelivery e) {
                throw e; // the card may be out: the next try looks for it before posting it again
            } catch (RuntimeException e) {
                // Redis or the card failed; the posts below still go out, and the next change draws the card.
                log.warn("Could not bring the card of {} up to date: {}", id, e.getMessage());
            }
        });
        List<DeliveryMessage> messages = delivery.messages();
        for (int step = 0; step < messages.size(); step++) {
            if (steps.done(step)) {
                continue; // out already, before a retry
            }
            DeliveryMessage message = messages.get(step);
            Audience to = channels.names().audience(message.audience(), incident);
            String text = channels.slackText(message.text(), incident, room);
            // In a room the declaration opened, the card says all that the declare message would.
            if (to instanceof Audience.Room && room.isPresent() && !delivery.opensRoom()) {
                String channel = room.get().channelId();
                if (delivery.fromReminderClock()) {
                    posts.post(step, channel, "the reminder", r -> r.text(text)
                            .blocks(ReminderBlocks.render(text, incident.id().toString())));
                } else if (!message.actions().isEmpty()) {
                    posts.post(step, channel, "a post", r -> r.text(text).blocks(ActionBlocks.render(text, message.actions())));
                } else {
                    posts.post(step, channel, "a post", r -> r.text(text));
                }
            } else if (to instanceof Audience.Stakeholders) {
                if (channels.stakeholderChannel().isPresent()) {
                    posts.post(step, channels.stakeholderChannel().get(), "the stakeholder post", r -> r.text(text));
                }
            } else if (to instanceof Audience.Escalation && channels.escalation().isPresent()) {
                posts.post(step, channels.escalation().get(), "the escalation", r -> r.text(text));
            }
            // Anything else is not for Slack (the caller's own answer, say): nothing to send, nothing to mark.
        }
        if (archiveRooms && !incident.state().isOpen() && room.isPresent()) {
            archive(id);
        }
        return new DeliveryResult.Delivered(posts.failures());
    }

    /**
     * A closed or cancelled incident's channel is archived once its last posts are out: it stays
     * readable and searchable, and leaves the channel list of everyone who was in it.
     */
    private void archive(IncidentId id) {
        Optional<IncidentRoom> room = rooms.find(id, SlackCommandAdapter.PLATFORM);
        if (room.isEmpty() || room.get().archived()) {
            return;
        }
        String channel = room.get().channelId();
        try {
            api.call("conversations.archive", channel, c -> c.conversationsArchive(r -> r.channel(channel)));
        } catch (SlackCallFailedException e) {
            if (!"already_archived".equals(e.error())) {
                log.warn("Could not archive the channel of {} ({}): {}", id, channel, e.getMessage());
                return;
            }
        }
        rooms.save(id, room.get().asArchived());
        log.info("{} is over; its Slack channel {} is archived", id, channel);
    }

    /** Creates the channel, records it at once (so commands there work), invites the declarer. */
    private Optional<IncidentRoom> openRoom(Incident incident, Actor declarer) {
        Optional<IncidentRoom> created = createChannel(incident);
        created.ifPresent(room -> {
            rooms.save(incident.id(), room);
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

    /**
     * Posts the card (and pins it) or edits it in place; sets the topic when it changed. An
     * incident the card already shows (after {@code status}, say) costs no Slack call. Each
     * step fails on its own: a refused pin does not stop the topic. A card post whose outcome is
     * unknown postpones the delivery.
     */
    private void refresh(Incident incident, IncidentRoom room, DeliveryPosts posts) {
        IncidentId id = incident.id();
        if (room.cardShows(incident.version())) {
            return;
        }
        IncidentCard card = IncidentCard.of(incident, lifecycle.legalEvents(incident.state()));
        IncidentRoom current = room;
        if (current.cardMessageId() != null && !updateCard(current, card)) {
            current = current.withCard(null, 0); // the card is gone: post a new one
        }
        if (current.cardMessageId() == null) {
            current = postCard(id, current, card, incident.version(), posts);
        } else {
            current = current.withCard(current.cardMessageId(), incident.version());
        }
        rooms.save(id, current);
        String topic = truncate(card.topic(), TOPIC_LIMIT);
        if (!topic.equals(current.topic())) {
            try {
                api.call("conversations.setTopic", room.channelId(),
                        c -> c.conversationsSetTopic(r -> r.channel(room.channelId()).topic(topic)));
                rooms.save(id, current.withTopic(topic));
            } catch (SlackCallFailedException e) {
                log.warn("Could not set the topic of {} in {}: {}", id, room.channelId(), e.getMessage());
            }
        }
    }

    /** @return false when the card no longer exists (deleted by someone) */
    private boolean updateCard(IncidentRoom room, IncidentCard card) {
        String ts = room.cardMessageId();
        try {
            api.call("chat.update", room.channelId(), c -> c.chatUpdate(r -> r.channel(room.channelId()).ts(ts)
                    .text(IncidentCardBlocks.fallback(card)).blocks(IncidentCardBlocks.render(card))));
            return true;
        } catch (SlackCallFailedException e) {
            if ("message_not_found".equals(e.error()) || "cant_update_message".equals(e.error())) {
                log.info("The card of {} in {} is gone ({}); posting a new one", card.id(), room.channelId(), e.error());
                return false;
            }
            log.warn("Could not update the card of {} in {}: {}", card.id(), room.channelId(), e.getMessage());
            return true;
        }
    }

    private IncidentRoom postCard(IncidentId id, IncidentRoom room, IncidentCard card, long version, DeliveryPosts posts) {
        Optional<String> posted = posts.card(room.channelId(), "the card of " + id,
                r -> r.text(IncidentCardBlocks.fallback(card)).blocks(IncidentCardBlocks.render(card)));
        if (posted.isEmpty()) {
            return room;
        }
        String ts = posted.get();
        try {
            api.call("pins.add", room.channelId(), c -> c.pinsAdd(r -> r.channel(room.channelId()).timestamp(ts)));
        } catch (SlackCallFailedException e) {
            // Pinned already by the earlier try that posted it, or refused: the card stands either way.
            if (!"already_pinned".equals(e.error())) {
                log.warn("Could not pin the card of {} in {}: {}", id, room.channelId(), e.getMessage());
            }
        }
        return room.withCard(ts, version);
    }

    private static String truncate(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
    }
}
