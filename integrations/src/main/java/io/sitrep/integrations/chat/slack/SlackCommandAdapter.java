package io.sitrep.integrations.chat.slack;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import jakarta.servlet.http.HttpServlet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.jakarta_servlet.SlackAppServlet;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;

import io.sitrep.config.SlackSettings;
import io.sitrep.integrations.chat.Actor;
import io.sitrep.integrations.chat.ChannelRef;
import io.sitrep.integrations.chat.ChatCommand;
import io.sitrep.integrations.chat.ChatCommandHandler;
import io.sitrep.integrations.chat.ChatMessage;
import io.sitrep.integrations.chat.CommandOutcome;

/**
 * {@code /incident} as a Slack slash command, on Bolt. Bolt verifies the request signature and
 * its age; this adapter acknowledges at once (Slack allows 3 seconds) and runs the command on
 * its own executor, answering the caller through {@code response_url} and posting stakeholder
 * messages with {@code chat.postMessage}.
 */
public final class SlackCommandAdapter {

    public static final String PLATFORM = "slack";
    static final String COMMAND = "/incident";
    private static final Logger log = LoggerFactory.getLogger(SlackCommandAdapter.class);

    private final ChatCommandHandler handler;
    private final SlackSettings settings;
    private final String neutralStakeholderChannel;
    private final Executor executor;

    /**
     * @param neutralStakeholderChannel the channel name the core addresses stakeholder posts to;
     *                                  they go to {@code sitrep.slack.stakeholder-channel} on Slack
     */
    public SlackCommandAdapter(ChatCommandHandler handler, SlackSettings settings, String neutralStakeholderChannel,
                               Executor executor) {
        this.handler = handler;
        this.settings = settings;
        this.neutralStakeholderChannel = neutralStakeholderChannel;
        this.executor = executor;
    }

    /** The servlet that serves {@code POST /slack/events}: Bolt's, verifying every request. */
    public HttpServlet servlet() {
        return new SlackAppServlet(app());
    }

    /** The Bolt app with the {@code /incident} command registered. */
    App app() {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(settings.apiUrl());
        App app = new App(AppConfig.builder()
                .signingSecret(settings.signingSecret())
                .singleTeamBotToken(settings.botToken())
                .slack(Slack.getInstance(config))
                .build());
        app.command(COMMAND, (request, context) -> {
            SlashCommandPayload payload = request.getPayload();
            executor.execute(() -> run(payload, context));
            return context.ack();
        });
        return app;
    }

    private void run(SlashCommandPayload payload, SlashCommandContext context) {
        try {
            String user = payload.getUserName() != null && !payload.getUserName().isBlank()
                    ? payload.getUserName() : payload.getUserId();
            ChannelRef channel = new ChannelRef(PLATFORM, payload.getChannelId());
            CommandOutcome outcome = handler.handle(new ChatCommand(payload.getText(), new Actor(user), channel));
            answer(outcome, channel, context);
        } catch (IOException | RuntimeException e) {
            log.error("Slack command failed (channel {}, user {})", payload.getChannelId(), payload.getUserId(), e);
        }
    }

    private void answer(CommandOutcome outcome, ChannelRef caller, SlashCommandContext context) throws IOException {
        if (outcome.error().isPresent()) {
            String error = "✗ " + SlackText.escape(outcome.error().get());
            context.respond(r -> r.responseType("ephemeral").text(error));
            return;
        }
        List<String> forCaller = new ArrayList<>();
        for (ChatMessage message : outcome.replies()) {
            String text = SlackText.escape(message.text());
            if (message.channel().id().equals(neutralStakeholderChannel)) {
                postToStakeholders(text, context);
            } else {
                // The caller's channel, and (until Sitrep creates Slack channels) the incident's.
                forCaller.add(text);
            }
        }
        if (!forCaller.isEmpty()) {
            String text = String.join("\n\n", forCaller);
            String type = outcome.incident().isPresent() ? "in_channel" : "ephemeral";
            context.respond(r -> r.responseType(type).text(text));
        }
    }

    private void postToStakeholders(String text, SlashCommandContext context) throws IOException {
        if (settings.stakeholderChannel().isBlank()) {
            log.debug("No sitrep.slack.stakeholder-channel set; stakeholder post not sent to Slack");
            return;
        }
        try {
            ChatPostMessageResponse response = context.client()
                    .chatPostMessage(r -> r.channel(settings.stakeholderChannel()).text(text));
            if (!response.isOk()) {
                log.warn("Slack refused the stakeholder post to {}: {}", settings.stakeholderChannel(), response.getError());
            }
        } catch (SlackApiException e) {
            log.warn("Slack refused the stakeholder post to {}: HTTP {}", settings.stakeholderChannel(),
                    e.getResponse().code());
        }
    }
}
