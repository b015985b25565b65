package io.sitrep.integrations.chat.discord;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;

import io.sitrep.incident.IncidentId;
import io.sitrep.integrations.chat.Actor;
import io.sitrep.integrations.chat.CardAction;
import io.sitrep.integrations.chat.ChannelRef;
import io.sitrep.integrations.chat.ChatCommand;
import io.sitrep.integrations.chat.ChatCommandHandler;
import io.sitrep.integrations.chat.ChatFile;
import io.sitrep.integrations.chat.ChatMessage;
import io.sitrep.integrations.chat.CommandOutcome;
import io.sitrep.integrations.chat.RequestDeduplicator;

/**
 * Discord's inbound side: {@code /incident}, the card's buttons and the modals. Discord allows 3
 * seconds to answer an interaction, so each is acknowledged first (a deferred, private reply,
 * or the modal itself) and worked on after, on the command executor, once the deferral was
 * taken: the repeat check (an interaction id seen before, by any replica, is dropped), then the
 * one grammar's dispatcher, then the deferred reply is edited with the caller's answer or the
 * core's error. What others should see is posted by {@link DiscordGateway}.
 */
final class DiscordCommandAdapter extends ListenerAdapter {

    private static final Logger log = LoggerFactory.getLogger(DiscordCommandAdapter.class);
    private static final String BUSY = "Sitrep is too busy to take this right now; nothing was done. Try again in a moment.";

    private final ChatCommandHandler handler;
    private final RequestDeduplicator deduplicator;
    private final Executor executor;
    private final CallerReplies callers;
    private final DiscordChannels channels;

    DiscordCommandAdapter(ChatCommandHandler handler, RequestDeduplicator deduplicator, Executor executor,
                          CallerReplies callers, DiscordChannels channels) {
        this.channels = channels;
        this.handler = handler;
        this.deduplicator = deduplicator;
        this.executor = executor;
        this.callers = callers;
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        if (!IncidentSlashCommand.NAME.equals(event.getName())) {
            return;
        }
        SlashInvocation invocation = invocation(event);
        Actor actor = actor(event.getUser());
        String channel = event.getChannelId();
        acknowledgeThen(event, hook -> {
            String line;
            try {
                line = IncidentSlashCommand.commandLine(invocation);
            } catch (IllegalArgumentException e) {
                answer(hook, "✗ " + DiscordText.escape(e.getMessage()));
                return;
            }
            answer(hook, run(line, actor, channel, hook), channel);
        });
    }

    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
        String id = event.getComponentId();
        Actor actor = actor(event.getUser());
        String channel = event.getChannelId();
        if (id.startsWith(DiscordCards.CARD_BUTTON)) {
            Optional<DiscordModals.CardButtonId> button =
                    DiscordModals.CardButtonId.read(id.substring(DiscordCards.CARD_BUTTON.length()));
            if (button.isEmpty()) {
                refuse(event, "This button is not one of Sitrep's any more.");
                return;
            }
            CardAction action = button.get().action();
            if (action.needsText()) {
                // A modal must be the first answer to the click; opening one changes nothing, so no repeat check.
                event.replyModal(DiscordModals.forAction(action, button.get().incident())).queue(null,
                        failure -> log.warn("Could not open a Discord modal: {}", failure.getMessage()));
                return;
            }
            acknowledgeThen(event, hook -> answer(hook,
                    run(action.commandLine(button.get().incident(), null), actor, channel, hook), channel));
        } else if (id.startsWith(DiscordCards.RUN_BUTTON)) {
            String line = id.substring(DiscordCards.RUN_BUTTON.length());
            if (!DiscordCards.runnable(line)) {
                refuse(event, "This button can't run that.");
                return;
            }
            acknowledgeThen(event, hook -> answer(hook, run(line, actor, channel, hook), channel));
        } else if (id.startsWith(DiscordCards.SNOOZE_BUTTON)) {
            Optional<IncidentId> incident = IncidentId.tryParse(id.substring(DiscordCards.SNOOZE_BUTTON.length()));
            if (incident.isEmpty()) {
                refuse(event, "This button is not one of Sitrep's any more.");
                return;
            }
            acknowledgeThen(event, hook -> answer(hook,
                    run("remind " + incident.get() + " snooze " + DiscordCards.SNOOZE_MINUTES, actor, channel, hook),
                    channel));
        }
    }

    @Override
    public void onModalInteraction(ModalInteractionEvent event) {
        Optional<DiscordModals.Submitted> submitted = DiscordModals.read(event.getModalId());
        if (submitted.isEmpty()) {
            return;
        }
        var value = event.getValue(DiscordModals.TEXT_INPUT);
        String text = value == null ? "" : value.getAsString();
        Actor actor = actor(event.getUser());
        String channel = event.getChannelId();
        acknowledgeThen(event, hook -> answer(hook,
                run(submitted.get().action().commandLine(submitted.get().incident(), text), actor, channel, hook),
                channel));
    }

    /**
     * Defers a private reply at once; once Discord has taken the deferral, runs {@code work} on
     * the executor unless this interaction was seen before. Only the bot whose deferral Discord
     * accepted goes on, so two replicas on one token (or a replayed event) run a command once,
     * and whoever runs it can answer. A full queue is answered at once: nothing was done.
     */
    private void acknowledgeThen(IReplyCallback interaction, java.util.function.Consumer<InteractionHook> work) {
        String key = "discord:interaction:" + interaction.getId();
        InteractionHook hook = interaction.getHook();
        interaction.deferReply(true).queue(deferred -> {
            try {
                executor.execute(() -> {
                    try {
                        if (firstDelivery(key)) {
                            work.accept(hook);
                        }
                    } catch (RuntimeException e) {
                        log.error("Discord interaction {} failed", interaction.getId(), e);
                        answer(hook, "✗ Sitrep failed on this; it is logged. Check /incident status before trying again.");
                    }
                });
            } catch (RejectedExecutionException e) {
                log.warn("Discord work refused: the command queue is full");
                answer(hook, "✗ " + BUSY);
            }
        }, failure -> log.info("Discord interaction {} was not deferred here ({}); it is left alone",
                interaction.getId(), failure.getMessage()));
    }

    private CommandOutcome run(String line, Actor actor, String channel, InteractionHook hook) {
        ChatCommand command = new ChatCommand(line, actor, new ChannelRef(DiscordConnector.PLATFORM, channel));
        callers.remember(command, hook);
        return handler.handle(command);
    }

    /** Edits the deferred reply: the error, or what the command said to its caller; a document as a file. */
    private void answer(InteractionHook hook, CommandOutcome outcome, String callerChannel) {
        if (outcome.ok() && outcome.file().isPresent()) {
            ChatFile file = outcome.file().get();
            hook.editOriginal(new MessageEditBuilder()
                    .setContent("Here is " + DiscordText.escape(file.fileName()) + ".")
                    .setFiles(FileUpload.fromData(file.content().getBytes(StandardCharsets.UTF_8), file.fileName()))
                    .setAllowedMentions(Collections.emptyList())
                    .build()).queue(null, failure -> log.warn("Could not send {} to the caller: {}",
                    file.fileName(), failure.getMessage()));
            return;
        }
        answer(hook, callerText(outcome, callerChannel, hook.getInteraction().getGuild()));
    }

    private static void answer(InteractionHook hook, String discordText) {
        hook.editOriginal(new MessageEditBuilder()
                .setContent(DiscordText.truncate(discordText, net.dv8tion.jda.api.entities.Message.MAX_CONTENT_LENGTH))
                .setAllowedMentions(Collections.emptyList())
                .build()).queue(null, failure -> log.warn("Could not answer a Discord interaction: {}", failure.getMessage()));
    }

    private static void refuse(IReplyCallback interaction, String text) {
        interaction.reply("✗ " + text).setEphemeral(true).queue(null,
                failure -> log.warn("Could not answer a Discord interaction: {}", failure.getMessage()));
    }

    /**
     * The error, or the replies addressed to the caller's own channel (never others' posts), with
     * the stakeholder channel named as the Discord channel the posts really go to.
     */
    private String callerText(CommandOutcome outcome, String callerChannel, Guild guild) {
        if (outcome.error().isPresent()) {
            return "✗ " + DiscordText.escape(outcome.error().get());
        }
        String neutral = channels.neutralStakeholderChannel();
        Optional<TextChannel> stakeholders = guild == null ? Optional.empty() : channels.stakeholders(guild);
        List<String> texts = outcome.replies().stream()
                .filter(m -> m.channel().id().equals(callerChannel))
                .map(ChatMessage::text)
                .map(text -> stakeholders.isPresent() ? DiscordText.withChannelLink(text, neutral, stakeholders.get().getId())
                        : DiscordText.escape(text.replace("#" + neutral,
                                "#" + neutral + " (no Discord channel: set sitrep.discord.stakeholder-channel)")))
                .toList();
        return texts.isEmpty() ? "Done." : String.join("\n\n", texts);
    }

    private boolean firstDelivery(String key) {
        try {
            if (deduplicator.firstDelivery(key)) {
                return true;
            }
        } catch (RuntimeException e) {
            // Without the store the command fails anyway, and its answer says so; let it.
            log.warn("Could not check Discord interaction {} for a repeat: {}", key, e.getMessage());
            return true;
        }
        log.info("Ignoring a repeated Discord interaction {}", key);
        return false;
    }

    private static SlashInvocation invocation(SlashCommandInteractionEvent event) {
        Map<String, String> options = new LinkedHashMap<>();
        for (OptionMapping option : event.getOptions()) {
            options.put(option.getName(), option.getType() == OptionType.USER
                    ? "<@" + option.getAsUser().getId() + "|" + option.getAsUser().getName() + ">" : option.getAsString());
        }
        return new SlashInvocation(event.getSubcommandGroup(), event.getSubcommandName(), options);
    }

    private static Actor actor(User user) {
        return new Actor(user.getName(), user.getId());
    }
}
