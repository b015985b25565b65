package io.sitrep.integrations.chat.slack;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Pattern;


import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.methods.SlackFilesUploadV2Exception;
import com.slack.api.model.view.View;

import io.sitrep.incident.IncidentId;
import io.sitrep.incident.Platform;
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
 * Slack's inbound side, on Bolt: the {@code /incident} slash command, the card's buttons and
 * the modals. Bolt verifies each request's signature and age; this adapter acknowledges at
 * once (Slack allows 3 seconds) and does everything else on its own executor: drop repeats
 * (Slack's retries, which carry {@code X-Slack-Retry-Num}, and resubmitted modals; checked in
 * Redis, so after the ack, not before it), then run the command. The caller's answer goes back privately; what others should see is posted by
 * {@link SlackGateway}.
 */
public final class SlackCommandAdapter {

    public static final String PLATFORM = Platform.SLACK.wireName();
    static final String COMMAND = "/incident";
    private static final Logger log = LoggerFactory.getLogger(SlackCommandAdapter.class);
    /** The ack's own text when the work can't be queued: the user knows at once that nothing happened. */
    private static final String BUSY = "Sitrep is too busy to take this right now; nothing was done. Try again in a moment.";

    private final ChatCommandHandler handler;
    private final RequestDeduplicator deduplicator;
    private final SlackWebApi api;
    private final Executor executor;
    private final SlackChannels channels;

    /**
     * @param api for calls a user is waiting on (modals, private answers): retried briefly, since a
     *            modal's trigger expires after 3 seconds and a late answer helps nobody
     */
    SlackCommandAdapter(ChatCommandHandler handler, RequestDeduplicator deduplicator, SlackWebApi api,
                        Executor executor, SlackChannels channels) {
        this.channels = channels;
        this.handler = handler;
        this.deduplicator = deduplicator;
        this.api = api;
        this.executor = executor;
    }

    /** Registers the command, the card's buttons and the modals' submissions on {@code app}. */
    App register(App app) {
        app.command(COMMAND, (request, context) -> {
            SlashCommandPayload payload = request.getPayload();
            boolean taken = submit(() -> {
                if (firstDelivery(request, "command:" + payload.getTriggerId())) {
                    slashCommand(payload, text -> context.respond(r -> r.responseType("ephemeral").text(text)));
                }
            });
            return taken ? context.ack() : context.ack(BUSY);
        });
        app.blockAction(Pattern.compile(Pattern.quote(IncidentCardBlocks.ACTION_PREFIX) + ".+"), (request, context) -> {
            BlockActionPayload payload = request.getPayload();
            submit(() -> {
                if (firstDelivery(request, "action:" + payload.getTriggerId())) {
                    cardButton(payload);
                }
            });
            return context.ack();
        });
        app.blockAction(Pattern.compile(Pattern.quote(ActionBlocks.ACTION_PREFIX) + "\\d+"), (request, context) -> {
            BlockActionPayload payload = request.getPayload();
            submit(() -> {
                if (firstDelivery(request, "action:" + payload.getTriggerId())) {
                    actionButton(payload);
                }
            });
            return context.ack();
        });
        app.blockAction(ReminderBlocks.SNOOZE_ACTION, (request, context) -> {
            BlockActionPayload payload = request.getPayload();
            submit(() -> {
                if (firstDelivery(request, "action:" + payload.getTriggerId())) {
                    snoozeButton(payload);
                }
            });
            return context.ack();
        });
        app.viewSubmission(SlackModals.DECLARE, (request, context) -> {
            ViewSubmissionPayload payload = request.getPayload();
            boolean taken = submit(() -> {
                if (firstDelivery(request, "view:" + payload.getView().getId())) {
                    declareSubmitted(payload);
                }
            });
            // Refused work keeps the modal open with the reason, so nothing typed is lost.
            return taken ? context.ack() : context.ackWithErrors(Map.of("title", BUSY));
        });
        app.viewSubmission(SlackModals.CARD_ACTION, (request, context) -> {
            ViewSubmissionPayload payload = request.getPayload();
            boolean taken = submit(() -> {
                if (firstDelivery(request, "view:" + payload.getView().getId())) {
                    cardActionSubmitted(payload);
                }
            });
            return taken ? context.ack() : context.ackWithErrors(Map.of("text", BUSY));
        });
        return app;
    }

    /** Answers the person who typed a slash command; Slack's {@code response_url} says where. */
    @FunctionalInterface
    private interface Responder {
        void respond(String text) throws IOException;
    }

    private void slashCommand(SlashCommandPayload payload, Responder responder) {
        Actor actor = new Actor(nameOf(payload.getUserName(), null, payload.getUserId()), payload.getUserId());
        try {
            if (isBareDeclare(payload.getText())) {
                openModal(payload.getTriggerId(), SlackModals.declare(payload.getChannelId()));
                return;
            }
            CommandOutcome outcome = run(SlackText.unescape(payload.getText()), actor, payload.getChannelId());
            if (outcome.file().isPresent()) {
                // The server's file path means nothing here: the document comes as a Slack file.
                responder.respond(upload(payload.getChannelId(), outcome.file().get()));
                return;
            }
            responder.respond(callerText(outcome, payload.getChannelId()));
        } catch (IOException | RuntimeException e) {
            log.error("Slack command failed (channel {}, user {})", payload.getChannelId(), payload.getUserId(), e);
        }
    }

    private void cardButton(BlockActionPayload payload) {
        BlockActionPayload.Action pressed = payload.getActions().get(0);
        String command = pressed.getActionId().substring(IncidentCardBlocks.ACTION_PREFIX.length());
        Optional<CardAction> action = CardAction.byCommand(command);
        String channel = payload.getChannel() == null ? null : payload.getChannel().getId();
        String user = payload.getUser().getId();
        if (action.isEmpty() || channel == null) {
            log.warn("Ignoring an unknown card button {}", pressed.getActionId());
            return;
        }
        if (action.get().needsText()) {
            SlackModals.CardActionContext context = new SlackModals.CardActionContext(pressed.getValue(), action.get(), channel);
            openModal(payload.getTriggerId(), SlackModals.cardAction(context));
            return;
        }
        Actor actor = new Actor(nameOf(payload.getUser().getUsername(), payload.getUser().getName(), user), user);
        CommandOutcome outcome = run(action.get().commandLine(pressed.getValue(), null), actor, channel);
        tellPrivately(channel, user, callerText(outcome, channel));
    }

    /** A message's one-click answer: its command line, run as the person who clicked. */
    private void actionButton(BlockActionPayload payload) {
        String line = payload.getActions().get(0).getValue();
        String channel = payload.getChannel() == null ? null : payload.getChannel().getId();
        if (channel == null || !ActionBlocks.runnable(line)) {
            log.warn("Ignoring a button whose command is not one a button may run");
            return;
        }
        String user = payload.getUser().getId();
        Actor actor = new Actor(nameOf(payload.getUser().getUsername(), payload.getUser().getName(), user), user);
        CommandOutcome outcome = run(line, actor, channel);
        tellPrivately(channel, user, callerText(outcome, channel));
    }

    private void snoozeButton(BlockActionPayload payload) {
        String incident = payload.getActions().get(0).getValue();
        String channel = payload.getChannel() == null ? null : payload.getChannel().getId();
        if (channel == null || IncidentId.tryParse(incident).isEmpty()) {
            log.warn("Ignoring a snooze button without channel or incident");
            return;
        }
        String user = payload.getUser().getId();
        Actor actor = new Actor(nameOf(payload.getUser().getUsername(), payload.getUser().getName(), user), user);
        CommandOutcome outcome = run("remind " + incident + " snooze " + ReminderBlocks.SNOOZE_MINUTES, actor, channel);
        tellPrivately(channel, user, callerText(outcome, channel));
    }

    private void declareSubmitted(ViewSubmissionPayload payload) {
        String channel = payload.getView().getPrivateMetadata();
        ViewSubmissionPayload.User user = payload.getUser();
        Actor actor = new Actor(nameOf(user.getUsername(), user.getName(), user.getId()), user.getId());
        CommandOutcome outcome = run(SlackModals.declareCommand(payload.getView().getState()), actor, channel);
        Optional<String> description = SlackModals.description(payload.getView().getState());
        if (outcome.ok() && outcome.incident().isPresent() && description.isPresent()) {
            run("note " + outcome.incident().get() + " " + CardAction.quoteArgument(description.get()), actor, channel);
        }
        tellPrivately(channel, user.getId(), callerText(outcome, channel));
    }

    private void cardActionSubmitted(ViewSubmissionPayload payload) {
        Optional<SlackModals.CardActionContext> context =
                SlackModals.CardActionContext.decode(payload.getView().getPrivateMetadata());
        if (context.isEmpty()) {
            log.warn("Ignoring a card modal with unreadable metadata");
            return;
        }
        ViewSubmissionPayload.User user = payload.getUser();
        Actor actor = new Actor(nameOf(user.getUsername(), user.getName(), user.getId()), user.getId());
        String line = context.get().action().commandLine(context.get().incident(),
                SlackModals.actionText(payload.getView().getState()));
        CommandOutcome outcome = run(line, actor, context.get().channel());
        tellPrivately(context.get().channel(), user.getId(), callerText(outcome, context.get().channel()));
    }

    private CommandOutcome run(String text, Actor actor, String channel) {
        return handler.handle(new ChatCommand(text, actor, new ChannelRef(PLATFORM, channel)));
    }

    /** The error, or the replies addressed to the caller's own channel (never others' posts), naming Slack's channels. */
    private String callerText(CommandOutcome outcome, String callerChannel) {
        if (outcome.error().isPresent()) {
            return "✗ " + SlackText.escape(outcome.error().get());
        }
        List<String> texts = outcome.replies().stream()
                .filter(m -> m.channel().id().equals(callerChannel))
                .map(ChatMessage::text)
                .map(SlackText::escape)
                .toList();
        return texts.isEmpty() ? "Done." : channels.callerText(String.join("\n\n", texts));
    }

    /** Uploads a document to the channel; says what became of it. */
    private String upload(String channel, ChatFile file) {
        try {
            api.call("files.uploadV2", channel, c -> {
                try {
                    return c.filesUploadV2(r -> r.channel(channel).filename(file.fileName()).title(file.fileName())
                            .content(file.content()).requestFileInfo(false));
                } catch (SlackFilesUploadV2Exception e) {
                    throw new IOException("the upload did not complete", e);
                }
            });
            return "Uploaded " + SlackText.escape(file.fileName()) + " to this channel.";
        } catch (SlackCallFailedException e) {
            log.warn("Could not upload {} to {}: {}", file.fileName(), channel, e.getMessage());
            return "✗ Slack refused the upload of " + SlackText.escape(file.fileName()) + " (" + e.error()
                    + "); the document is also served at /api/incidents/…/postmortem.*";
        }
    }

    private void openModal(String triggerId, View view) {
        try {
            api.call("views.open", c -> c.viewsOpen(r -> r.triggerId(triggerId).view(view)));
        } catch (SlackCallFailedException e) {
            log.warn("Could not open a Slack modal: {}", e.getMessage());
        }
    }

    /** An ephemeral message: only {@code user} sees it, in {@code channel}. */
    private void tellPrivately(String channel, String user, String text) {
        try {
            api.call("chat.postEphemeral", channel,
                    c -> c.chatPostEphemeral(r -> r.channel(channel).user(user).text(text)));
        } catch (SlackCallFailedException e) {
            log.warn("Could not answer {} in {}: {}", user, channel, e.getMessage());
        }
    }

    /** Hands work to the executor; false when its queue is full and the work was not taken. */
    private boolean submit(Runnable work) {
        try {
            executor.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    log.error("Slack interaction failed", e);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            log.warn("Slack work refused: the command queue is full");
            return false;
        }
    }

    private boolean firstDelivery(Request<?> request, String key) {
        try {
            if (deduplicator.firstDelivery("slack:" + key)) {
                return true;
            }
        } catch (RuntimeException e) {
            // Without the store the command fails anyway, and its answer says so; let it.
            log.warn("Could not check Slack request {} for a repeat: {}", key, e.getMessage());
            return true;
        }
        log.info("Ignoring a repeated Slack request {} (X-Slack-Retry-Num {})", key,
                request.getHeaders().getFirstValue("X-Slack-Retry-Num"));
        return false;
    }

    private static boolean isBareDeclare(String text) {
        return text != null && text.strip().equalsIgnoreCase("declare");
    }

    private static String nameOf(String username, String name, String id) {
        if (username != null && !username.isBlank()) {
            return username;
        }
        return name != null && !name.isBlank() ? name : id;
    }
}
