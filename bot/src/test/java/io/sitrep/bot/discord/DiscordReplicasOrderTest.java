package io.sitrep.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.sitrep.bot.SitrepApplication;
import io.sitrep.integrations.chat.DeliveryQueue;
import io.sitrep.integrations.chat.discord.FakeDiscord;
import io.sitrep.integrations.redis.TestRedis;

/**
 * Three replicas sharing one Discord bot (three gateway sessions) and one Redis: eight updates,
 * each interaction sent to the next replica in turn while Discord now and then fails or
 * rate-limits — the status channel gets eight posts in the order they were made, each once.
 */
@Timeout(180)
class DiscordReplicasOrderTest {

    private static final int DATABASE = 9;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern UPDATE = Pattern.compile("Update number (\\d+)");

    private final FakeDiscord discord = new FakeDiscord();
    private final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

    DiscordReplicasOrderTest() throws Exception {
    }

    @AfterEach
    void stop() throws Exception {
        replicas.forEach(ConfigurableApplicationContext::close);
        discord.close();
    }

    private ConfigurableApplicationContext start(int n) {
        return new SpringApplicationBuilder(SitrepApplication.class).run("--server.port=0",
                "--sitrep.console.enabled=false", "--sitrep.api.token=replicas",
                "--sitrep.data-dir=" + TestRedis.tempDir("discord-replica-" + n),
                "--sitrep.redis.url=" + TestRedis.server().url() + "/" + DATABASE,
                "--sitrep.discord.token=discord-test-token", "--sitrep.discord.guild-id=" + FakeDiscord.GUILD_ID,
                "--sitrep.discord.stakeholder-channel=#status", "--sitrep.discord.api-url=" + discord.apiUrl(),
                "--sitrep.discord.gateway-url=" + discord.gatewayUrl(), "--sitrep.delivery.max-backoff=1s",
                "--logging.level.root=WARN");
    }

    @Test
    void eightUpdatesThroughThreeReplicasArePostedInOrderEachOnce() throws Exception {
        TestRedis.flushed();
        for (int n = 0; n < 3; n++) {
            replicas.add(start(n));
            int sessions = n + 1;
            await().atMost(WAIT).until(() -> discord.sessions() == sessions && discord.commandsRegistered());
        }
        DeliveryQueue queue = replicas.get(0).getBean(DeliveryQueue.class);
        discord.interactionsToSession(0);
        FakeDiscord.Interaction declare = discord.slash("alice", FakeDiscord.GENERAL_CHANNEL_ID, null, "declare",
                "title", "Checkout down");
        await().atMost(WAIT).until(() -> !discord.posts(FakeDiscord.STATUS_CHANNEL_ID).isEmpty()
                && !discord.replies(declare.token()).isEmpty());

        for (int n = 1; n <= 8; n++) {
            if (n == 3) {
                discord.failNext("POST", "channels/" + FakeDiscord.STATUS_CHANNEL_ID + "/messages", 3, 500,
                        "{\"message\":\"Internal Server Error\",\"code\":0}", java.util.Map.of());
            }
            if (n == 6) {
                discord.rateLimitNext("POST", "channels/" + FakeDiscord.STATUS_CHANNEL_ID + "/messages", 1);
            }
            discord.interactionsToSession(n % 3);
            FakeDiscord.Interaction update = discord.slash("alice", FakeDiscord.GENERAL_CHANNEL_ID, null, "update",
                    "text", "Update number " + n, "incident", "INC-1");
            // The next update is sent once this one is answered, as a person would after seeing the answer.
            await().atMost(WAIT).until(() -> !discord.replies(update.token()).isEmpty());
        }

        await().atMost(WAIT).until(() -> queue.lanesOwed().isEmpty());
        List<Integer> posted = new ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode message : discord.messagesIn(FakeDiscord.STATUS_CHANNEL_ID)) {
            Matcher update = UPDATE.matcher(message.path("content").asText());
            if (update.find()) {
                posted.add(Integer.parseInt(update.group(1)));
            }
        }
        assertThat(posted).as("accepted by Discord: in order, each once").containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(discord.posts(FakeDiscord.STATUS_CHANNEL_ID)).as("the failures and the rate limit were met")
                .hasSizeGreaterThan(1 + 8 + 1);
    }
}
