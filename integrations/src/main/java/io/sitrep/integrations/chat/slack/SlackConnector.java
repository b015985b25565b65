package io.sitrep.integrations.chat.slack;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import jakarta.servlet.http.HttpServlet;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import com.slack.api.util.http.SlackHttpClient;
import com.slack.api.util.json.GsonFactory;

import okhttp3.OkHttpClient;

import io.sitrep.config.SlackSettings;
import io.sitrep.incident.lifecycle.IncidentLifecycle;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.chat.ChatCommandHandler;
import io.sitrep.integrations.chat.IncidentRooms;
import io.sitrep.integrations.chat.PageReceipts;
import io.sitrep.integrations.chat.RequestDeduplicator;

/**
 * Sitrep's connection to one Slack workspace: one HTTP client for the Web API at
 * {@code sitrep.slack.api-url}, shared by the inbound adapter and the outbound gateway, and
 * the two ways Slack reaches Sitrep: HTTP mode and Socket Mode.
 */
public final class SlackConnector implements AutoCloseable {

    /** How long handed-off work waits for the acknowledgements of requests that came before it. */
    private static final Duration LONGEST_HELD_FOR_ACKS = Duration.ofMillis(100);

    private final SlackSettings settings;
    private final Clock clock;
    private final SlackChannels channels;
    private final Slack slack;
    private final SlackWebApi api;
    private final SlackWebApi interactiveApi;

    /**
     * @param neutralStakeholderChannel the channel name the core addresses stakeholder posts to;
     *                                  on Slack they go to {@code sitrep.slack.stakeholder-channel}
     * @param escalationChannel         where reminders escalate to, a Slack channel id or name
     */
    public SlackConnector(SlackSettings settings, Clock clock, String neutralStakeholderChannel,
                          String escalationChannel) {
        this(settings, clock, SlackWebApi.RetryPolicy.DELIVERY, neutralStakeholderChannel, escalationChannel);
    }

    SlackConnector(SlackSettings settings, Clock clock, SlackWebApi.RetryPolicy retryPolicy,
                   String neutralStakeholderChannel, String escalationChannel) {
        this.settings = settings;
        this.clock = clock;
        this.channels = new SlackChannels(neutralStakeholderChannel, settings.stakeholderChannel(), escalationChannel);
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(settings.apiUrl());
        // The SDK's own call statistics: Sitrep counts its calls itself, and keeping them costs a
        // thread and, on the first call, an auth.test.
        config.setStatsEnabled(false);
        // OkHttp sends a request again by itself when the connection drops before the answer, even a
        // post Slack has already carried out: that second post nobody could see coming. Without it, the
        // drop reaches SlackWebApi, which knows which calls may be repeated.
        OkHttpClient http = SlackHttpClient.buildOkHttpClient(config).newBuilder().retryOnConnectionFailure(false).build();
        this.slack = Slack.getInstance(config, new OneGsonHttpClient(http, GsonFactory.createSnakeCase(config)));
        this.api = new SlackWebApi(OneGsonMethodsClient.over(slack, settings.botToken()), retryPolicy,
                wait -> Thread.sleep(wait.toMillis()));
        this.interactiveApi = new SlackWebApi(OneGsonMethodsClient.over(slack, settings.botToken()),
                SlackWebApi.RetryPolicy.INTERACTIVE, wait -> Thread.sleep(wait.toMillis()));
    }

    /** @param archiveRooms whether a closed or cancelled incident's channel is archived ({@code sitrep.chat.archive-rooms}) */
    public SlackGateway gateway(IncidentStore store, IncidentLifecycle lifecycle, IncidentRooms rooms,
                                boolean archiveRooms) {
        return gateway(store, lifecycle, rooms, archiveRooms, PageReceipts.NONE);
    }

    /** @param receipts told of each page notification sent by direct message, or refused for good */
    public SlackGateway gateway(IncidentStore store, IncidentLifecycle lifecycle, IncidentRooms rooms,
                                boolean archiveRooms, PageReceipts receipts) {
        return new SlackGateway(api, store, lifecycle, rooms, channels, archiveRooms, receipts);
    }

    /** User groups' members, for keeping on-call groups in step; tried a few times per call like deliveries. */
    public SlackUsergroups usergroups() {
        return new SlackUsergroups(api);
    }

    /** HTTP mode: Bolt's servlet for {@code POST /slack/events}, verifying every request's signature. */
    public HttpServlet servlet(ChatCommandHandler handler, RequestDeduplicator deduplicator, Executor executor) {
        AcksFirst acks = new AcksFirst(LONGEST_HELD_FOR_ACKS);
        SlackCommandAdapter adapter = new SlackCommandAdapter(handler, deduplicator, interactiveApi,
                acks.executor(executor), channels);
        return acks.servlet(adapter.register(app(acks.middleware())));
    }

    /**
     * Socket Mode: Sitrep opens a WebSocket to Slack with the app-level token, so no public URL is
     * needed. Slack authenticates the socket itself; there are no request signatures to check.
     *
     * @return what stops it
     */
    public AutoCloseable startSocketMode(ChatCommandHandler handler, RequestDeduplicator deduplicator,
                                         Executor executor) throws Exception {
        App app = new SlackCommandAdapter(handler, deduplicator, interactiveApi, executor, channels).register(app());
        SocketModeApp socketMode = new SocketModeApp(settings.appToken(), app, SocketModeClient.Backend.JavaWebSocket);
        socketMode.startAsync();
        return socketMode::close;
    }

    /**
     * Bolt with Sitrep's own middleware instead of its defaults: the request check first, and
     * the bot token set from the settings. Bolt's default single-team authorization calls
     * {@code auth.test} when the first request arrives — before the signature is checked — so
     * with Slack unreachable every request, forged ones included, failed with a 500, and with
     * Slack hanging each took as long as the call did.
     */
    App app(Middleware... after) {
        AppConfig config = AppConfig.builder()
                .signingSecret(settings.signingSecret())
                .singleTeamBotToken(settings.botToken())
                .slack(slack)
                .build();
        List<Middleware> middleware = new ArrayList<>();
        middleware.add(new SignedRequests(settings.signingSecret() == null ? "" : settings.signingSecret(), clock));
        middleware.add((request, response, chain) -> {
            request.getContext().setBotToken(settings.botToken());
            return chain.next(request);
        });
        middleware.addAll(List.of(after));
        return new App(config, middleware);
    }

    @Override
    public void close() throws Exception {
        slack.close();
    }
}
