package io.sitrep.integrations.chat.discord;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.Category;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.lifecycle.IncidentLifecycle;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.chat.ChatGateway;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.Delivery;
import io.sitrep.integrations.chat.IncidentCard;
import io.sitrep.integrations.chat.DeliveryResult;
import io.sitrep.integrations.chat.DeliverySteps;
import io.sitrep.integrations.chat.IncidentRoom;
import io.sitrep.integrations.chat.IncidentRooms;

/**
 * Discord's outbound side. A declare typed on Discord (and an incident Sitrep opens itself)
 * gets a text channel under the incidents category, with the card pinned and the topic set;
 * after every change to an incident that lives on Discord, wherever the command came from, the
 * channel's messages are posted, the card is edited and the topic kept current, and
 * stakeholder posts go to the stakeholder channel. Incidents declared on another platform are
 * left to it.
 *
 * <p>It is called by the delivery workers, one delivery of an incident at a time, in order; the
 * change is already stored, so Discord failing only postpones the posts still owed. What Discord
 * refuses for good is logged and reported, and a missing permission is also told, by name, to the
 * person whose command it was.
 */
public final class DiscordGateway implements ChatGateway {

    private static final Logger log = LoggerFactory.getLogger(DiscordGateway.class);
    private static final java.security.SecureRandom NONCES = new java.security.SecureRandom();

    private final JDA jda;
    private final String guildId;
    private final String categoryName;
    private final DiscordRest rest;
    private final IncidentStore store;
    private final IncidentLifecycle lifecycle;
    private final IncidentRooms rooms;
    private final DiscordChannels channels;
    private final CallerReplies callers;
    /** Where finished incidents' channels go; null: they stay. */
    private final String archiveCategory;
    private final boolean validGuildId;

    DiscordGateway(JDA jda, String guildId, String categoryName, DiscordRest rest, IncidentStore store,
                   IncidentLifecycle lifecycle, IncidentRooms rooms, DiscordChannels channels, CallerReplies callers,
                   String archiveCategory) {
        this.archiveCategory = archiveCategory == null || archiveCategory.isBlank() ? null : archiveCategory.strip();
        this.jda = jda;
        this.guildId = guildId;
        this.categoryName = categoryName;
        this.rest = rest;
        this.store = store;
        this.lifecycle = lifecycle;
        this.rooms = rooms;
        this.channels = channels;
        this.callers = callers;
        this.validGuildId = DiscordConnector.isSnowflake(guildId);
    }

    @Override
    public DeliveryResult deliver(Delivery delivery, DeliverySteps steps) {
        try {
            DeliveryResult result = deliverNow(delivery.incident(), delivery, steps);
            callers.forget(delivery.caller());
            return result;
        } catch (DiscordRest.Passing e) {
            return new DeliveryResult.Postponed(null, e.getMessage());
        }
    }

    @Override
    public String platform() {
        return DiscordConnector.PLATFORM;
    }

    private DeliveryResult deliverNow(IncidentId id, Delivery delivery, DeliverySteps steps) {
        Optional<Incident> found = store.find(id);
        if (found.isEmpty()) {
            return DeliveryResult.delivered();
        }
        Incident incident = found.get();
        boolean fromDiscord = DiscordConnector.PLATFORM.equals(delivery.origin());
        Optional<IncidentRoom> room = rooms.find(id, DiscordConnector.PLATFORM);
        boolean declaredHere = delivery.opensRoom() && (fromDiscord || delivery.fromIncidentOpener());
        if (room.isEmpty() && !declaredHere && (!fromDiscord || rooms.livesElsewhere(id, DiscordConnector.PLATFORM))) {
            return DeliveryResult.delivered(); // an incident of another platform
        }
        Optional<Guild> connected = guild();
        if (connected.isEmpty()) {
            log.warn("Sitrep is not in the Discord guild '{}'; the posts for {} were not sent", guildId, id);
            return new DeliveryResult.Delivered(List.of("Sitrep is not in the Discord guild " + guildId));
        }
        Guild guild = connected.get();
        if (room.isEmpty() && declaredHere) {
            room = openRoom(guild, incident, delivery);
        }
        Optional<TextChannel> roomChannel = room.map(r -> guild.getTextChannelById(r.channelId()));
        if (room.isPresent() && roomChannel.isEmpty()) {
            log.warn("The Discord channel of {} ({}) is gone; its posts go to stakeholders only", id, room.get().channelId());
        }
        // The card first: a new channel opens with it, and stakeholders' link leads to it.
        if (room.isPresent() && roomChannel.isPresent()) {
            try {
                refresh(delivery, incident, room.get(), roomChannel.get());
            } catch (RuntimeException e) {
                // Redis or the card failed; the posts below still go out.
                log.warn("Could not bring the card of {} up to date: {}", id, e.getMessage());
            }
        }
        List<String> failures = new ArrayList<>();
        postReplies(delivery, steps, failures, incident, guild, roomChannel);
        if (archiveCategory != null && !incident.state().isOpen() && roomChannel.isPresent()) {
            archive(guild, id, roomChannel.get());
        }
        return new DeliveryResult.Delivered(failures);
    }

    /**
     * A closed or cancelled incident's channel moves under the archive category once its last
     * posts are out: the incidents category keeps only what is live. (Making it read-only would
     * need Manage Roles, which Sitrep does not ask for; give the archive category read-only
     * permissions in Discord and moved channels follow them.)
     */
    private void archive(Guild guild, IncidentId id, TextChannel channel) {
        Optional<IncidentRoom> room = rooms.find(id, DiscordConnector.PLATFORM);
        if (room.isEmpty() || room.get().archived()) {
            return;
        }
        try {
            Category archive = category(guild, archiveCategory);
            rest.call("move #" + channel.getName() + " to " + archiveCategory,
                    () -> channel.getManager().setParent(archive));
            rooms.save(id, room.get().asArchived());
            log.info("{} is over; its Discord channel #{} is in {}", id, channel.getName(), archiveCategory);
        } catch (DiscordRest.Refused e) {
            log.warn("Could not archive the Discord channel of {}: {}", id, e.getMessage());
        }
    }

    /**
     * The delivery's messages still owed, each where it belongs on Discord: the incident's channel
     * (unless the declaration opened it: its card says what the declare message would), the
     * stakeholder channel, the escalation channel. Each post's nonce is the same on every try of
     * that message, so Discord keeps one if an earlier try got through.
     */
    private void postReplies(Delivery delivery, DeliverySteps steps, List<String> failures, Incident incident,
                             Guild guild, Optional<TextChannel> roomChannel) {
        IncidentId id = incident.id();
        String channelId = roomChannel.map(TextChannel::getId).orElse(null);
        List<DeliveryMessage> messages = delivery.messages();
        for (int step = 0; step < messages.size(); step++) {
            if (steps.done(step)) {
                continue;
            }
            DeliveryMessage message = messages.get(step);
            String nonce = steps.nonce(step).orElseGet(DiscordGateway::nonce);
            Audience to = channels.names().audience(message.audience(), incident);
            String text = DiscordText.withChannelLink(message.text(), incident.channel(), channelId);
            if (to instanceof Audience.Room && roomChannel.isPresent() && !delivery.opensRoom()) {
                MessageCreateData post = delivery.fromReminderClock() ? DiscordCards.reminder(text, id.toString())
                        : DiscordCards.message(text, message.actions());
                send(delivery, failures, roomChannel.get(), post, nonce, "post to the channel of " + id);
                steps.markDone(step);
            } else if (to instanceof Audience.Stakeholders) {
                Optional<TextChannel> stakeholders = channels.stakeholders(guild);
                if (stakeholders.isEmpty()) {
                    log.debug("No Discord stakeholder channel; {} not announced there", id);
                    continue;
                }
                send(delivery, failures, stakeholders.get(), DiscordCards.message(text, List.of()), nonce,
                        "announce " + id + " to stakeholders");
                steps.markDone(step);
            } else if (to instanceof Audience.Escalation) {
                Optional<TextChannel> escalation = channels.escalation(guild);
                if (escalation.isPresent()) {
                    send(delivery, failures, escalation.get(), DiscordCards.message(text, List.of()), nonce,
                            "escalate " + id);
                    steps.markDone(step);
                }
            }
            // Anything else is not for Discord (the caller's own answer, say): nothing to send, nothing to mark.
        }
    }

    /**
     * Creates the channel under the category, with its topic, and records it at once (so commands
     * there work). A retry first looks for the channel an earlier try may have made before its
     * answer was lost, so an outage does not make two.
     */
    private Optional<IncidentRoom> openRoom(Guild guild, Incident incident, Delivery delivery) {
        String name = incident.channel();
        String topic = topic(IncidentCard.of(incident, lifecycle.legalEvents(incident.state())));
        TextChannel created;
        try {
            Category category = category(guild);
            boolean[] retry = {false};
            created = rest.attempt("create the channel #" + name, () -> {
                Optional<TextChannel> earlier = retry[0] ? category.getTextChannels().stream()
                        .filter(c -> c.getName().equals(name)).findFirst() : Optional.empty();
                retry[0] = true;
                return earlier.orElseGet(() -> guild.createTextChannel(name, category).setTopic(topic).complete());
            });
        } catch (DiscordRest.Refused e) {
            refused(delivery, incident.id() + " is declared, but its channel could not be made", e, true);
            return Optional.empty();
        }
        IncidentRoom room = IncidentRoom.opened(DiscordConnector.PLATFORM, created.getId(), name).withTopic(topic);
        try {
            rooms.save(incident.id(), room);
        } catch (RuntimeException e) {
            log.warn("#{} of {} could not be recorded ({}); commands typed there need the incident named",
                    name, incident.id(), e.getMessage());
        }
        log.info("{} has Discord channel #{} ({})", incident.id(), name, created.getId());
        return Optional.of(room);
    }

    /** The incidents category, created when missing; one at a time, so two declares make one category. */
    private Category category(Guild guild) {
        return category(guild, categoryName);
    }

    private synchronized Category category(Guild guild, String name) {
        return guild.getCategoriesByName(name, true).stream().findFirst()
                .orElseGet(() -> rest.call("create the category " + name, () -> guild.createCategory(name)));
    }

    /**
     * Posts the card (and pins it) or edits it in place; sets the topic when it changed. An
     * incident the card already shows costs no Discord call. Each step fails on its own.
     */
    private void refresh(Delivery delivery, Incident incident, IncidentRoom room, TextChannel channel) {
        if (room.cardShows(incident.version())) {
            return;
        }
        IncidentCard card = IncidentCard.of(incident, lifecycle.legalEvents(incident.state()));
        IncidentRoom current = room;
        CardEdit edit = current.cardMessageId() == null ? CardEdit.GONE : editCard(delivery, current, channel, card);
        switch (edit) {
            case GONE -> current = postCard(delivery, current.withCard(null, 0), channel, card, incident.version());
            case EDITED -> current = current.withCard(current.cardMessageId(), incident.version());
            case FAILED -> {
                // Left at the version it shows, so the next change draws it again.
            }
        }
        rooms.save(incident.id(), current);
        String topic = topic(card);
        if (!topic.equals(current.topic())) {
            try {
                rest.call("set the topic of #" + channel.getName(), () -> channel.getManager().setTopic(topic));
                rooms.save(incident.id(), current.withTopic(topic));
            } catch (DiscordRest.Refused e) {
                refused(delivery, "The topic of " + incident.id() + " is not current", e, false);
            }
        }
    }

    private enum CardEdit { EDITED, GONE, FAILED }

    private CardEdit editCard(Delivery delivery, IncidentRoom room, TextChannel channel, IncidentCard card) {
        try {
            rest.call("update the card of " + card.id(),
                    () -> channel.editMessageById(room.cardMessageId(), DiscordCards.cardEdit(card)));
            return CardEdit.EDITED;
        } catch (DiscordRest.Refused e) {
            if (e.is(ErrorResponse.UNKNOWN_MESSAGE)) {
                log.info("The card of {} in {} is gone (deleted); posting a new one", card.id(), channel.getId());
                return CardEdit.GONE;
            }
            refused(delivery, "The card of " + card.id() + " is not current", e, false);
            return CardEdit.FAILED;
        }
    }

    private IncidentRoom postCard(Delivery delivery, IncidentRoom room, TextChannel channel, IncidentCard card,
                                  long version) {
        Message posted;
        try {
            String nonce = nonce();
            posted = rest.call("post the card of " + card.id(),
                    () -> channel.sendMessage(DiscordCards.card(card)).setNonce(nonce));
        } catch (DiscordRest.Refused e) {
            refused(delivery, "The card of " + card.id() + " was not posted", e, false);
            return room;
        }
        try {
            rest.call("pin the card of " + card.id(), () -> channel.pinMessageById(posted.getId()));
        } catch (DiscordRest.Refused e) {
            refused(delivery, "The card of " + card.id() + " was not pinned", e, false);
        }
        return room.withCard(posted.getId(), version);
    }

    /** One post; what Discord refuses for good is noted in {@code failures}, an outage postpones the rest. */
    private void send(Delivery delivery, List<String> failures, TextChannel channel, MessageCreateData message,
                      String nonce, String what) {
        try {
            rest.call(what, () -> channel.sendMessage(message).setNonce(nonce));
        } catch (DiscordRest.Refused e) {
            refused(delivery, "A post was not delivered", e, false);
            failures.add(e.getMessage());
        }
    }

    /** The session is not (yet, or again) connected: worth waiting for, unlike a refusal. */
    private static final class NotConnected extends RuntimeException {
        NotConnected(JDA.Status status) {
            super("the Discord session is " + status);
        }
    }

    private static String nonce() {
        return Long.toUnsignedString(NONCES.nextLong());
    }

    /**
     * The guild, once the session is connected. While it connects or reconnects (start-up, a
     * network blip) the post waits, with the retry policy's backoff; a connected session without
     * the guild means Sitrep is not in it.
     */
    private Optional<Guild> guild() {
        if (!validGuildId) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(rest.attempt("reach the Discord guild " + guildId, () -> {
                Guild guild = jda.getGuildById(guildId);
                if (guild == null && jda.getStatus() != JDA.Status.CONNECTED) {
                    throw new NotConnected(jda.getStatus());
                }
                return guild;
            }));
        } catch (DiscordRest.Refused e) {
            log.warn(e.getMessage());
            return Optional.empty();
        }
        // DiscordRest.Passing (still connecting after a few tries) goes up: the delivery is postponed.
    }

    /**
     * Logs what Discord refused. A missing permission is also told to whoever ran the command,
     * and so is any refusal when {@code alwaysTell} (their channel was not made).
     */
    private void refused(Delivery delivery, String consequence, DiscordRest.Refused e, boolean alwaysTell) {
        log.warn("{}: {}", consequence, e.getMessage());
        if (e.missingPermission().isPresent()) {
            callers.tell(delivery.caller(), "✗ " + DiscordText.escape(consequence + ": " + e.getMessage() + ". An admin can "
                    + "grant it to Sitrep's role (Server Settings → Roles) or on the incidents category."));
        } else if (alwaysTell) {
            callers.tell(delivery.caller(), "✗ " + DiscordText.escape(consequence + ": " + e.getMessage()));
        }
    }

    private static String topic(IncidentCard card) {
        // Discord renders markdown and mentions in topics too.
        return DiscordText.truncate(DiscordText.escape(card.topic()), DiscordChannels.TOPIC_LIMIT);
    }

}
