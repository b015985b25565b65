package io.sitrep.bot.discord;

import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.sitrep.bot.paging.ChatPagingFiles;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.chat.DeliveryQueue;
import io.sitrep.integrations.chat.discord.DiscordGateway;
import io.sitrep.integrations.chat.discord.FakeDiscord;
import io.sitrep.integrations.chat.slack.FakeSlackApi;
import io.sitrep.integrations.chat.slack.SlackGateway;
import io.sitrep.integrations.redis.TestRedis;

/**
 * The running app with Discord and Slack both on, on one shared Spring context: an unmodified
 * JDA session talks to a local fake Discord (gateway and REST), and Slack's Web API calls go to
 * a local fake Slack. Interactions are dispatched through the fake gateway as Discord sends them.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
    "sitrep.console.enabled=false",
    "sitrep.api.token=api-token",
    "sitrep.discord.token=discord-test-token",
    "sitrep.discord.guild-id=" + FakeDiscord.GUILD_ID,
    "sitrep.discord.stakeholder-channel=#status",
    "sitrep.slack.bot-token=xoxb-test",
    "sitrep.slack.signing-secret=" + DiscordAppTest.SLACK_SECRET,
    "sitrep.slack.stakeholder-channel=C0STAKE"
})
abstract class DiscordAppTest {

    static final String SLACK_SECRET = "test-signing-secret";
    static final String GENERAL = FakeDiscord.GENERAL_CHANNEL_ID;
    static final String STATUS = FakeDiscord.STATUS_CHANNEL_ID;
    /** One fake each for the whole run: the Spring context, and so the JDA session, is shared. */
    static final FakeDiscord discord = start();
    static final FakeSlackApi slack = new FakeSlackApi();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        // A database of its own: this context's reminder scheduler must not take the Slack tests' reminders.
        registry.add("sitrep.redis.url", () -> TestRedis.server().url() + "/2");
        registry.add("sitrep.discord.api-url", discord::apiUrl);
        registry.add("sitrep.discord.gateway-url", discord::gatewayUrl);
        registry.add("sitrep.slack.api-url", slack::apiUrl);
        registry.add("sitrep.oncall.dir", ChatPagingFiles::dir);
    }

    @LocalServerPort
    int port;

    @Autowired
    IncidentStore store;

    @Autowired
    DiscordGateway gateway;
    @Autowired
    protected DeliveryQueue deliveries;

    @Autowired
    SlackGateway slackGateway;

    @Autowired
    ExecutorService discordCommandExecutor;

    @BeforeEach
    void readyAndEmpty() {
        // The session connects in the background; the guild's commands are registered once it is ready.
        await().atMost(Duration.ofSeconds(30)).until(discord::commandsRegistered);
        awaitIdle();
        TestRedis.flushed();
        slack.reset();
        discord.reset();
    }

    /** Every interaction taken has run and every post has gone out. */
    void awaitIdle() {
        ThreadPoolExecutor commands = (ThreadPoolExecutor) discordCommandExecutor;
        await().atMost(Duration.ofSeconds(60)).until(() -> commands.getActiveCount() == 0
                && commands.getQueue().isEmpty() && deliveries.lanesOwed().isEmpty());
    }

    /** The text of the deferred reply once it has been edited in. */
    String reply(FakeDiscord.Interaction interaction) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !discord.replies(interaction.token()).isEmpty());
        List<FakeDiscord.Call> edits = discord.replies(interaction.token());
        return edits.get(edits.size() - 1).json().path("content").asText();
    }

    /** The incident channel Sitrep created, once it exists. */
    String channelOf(String name) {
        await().atMost(Duration.ofSeconds(20)).until(() -> discord.channelId(name).isPresent());
        return discord.channelId(name).orElseThrow();
    }

    private static FakeDiscord start() {
        try {
            return new FakeDiscord();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
