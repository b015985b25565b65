package io.sitrep.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.sitrep.incident.IncidentId;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.chat.slack.FakeSlackApi;
import io.sitrep.integrations.chat.slack.FakeSlackSocket;
import io.sitrep.integrations.redis.TestRedis;

/** Socket Mode: Sitrep connects out to a local fake of Slack's WebSocket endpoint; no public URL, no signing secret. */
@SpringBootTest(properties = {
    "sitrep.console.enabled=false",
    "sitrep.slack.bot-token=xoxb-test",
    "sitrep.slack.app-token=xapp-test",
    "sitrep.slack.stakeholder-channel=C0STAKE"
})
class SlackSocketModeTest {

    private static final FakeSlackApi slack = new FakeSlackApi();
    private static final FakeSlackSocket socket = new FakeSlackSocket();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestRedis.flushed();
        slack.socketModeUrl(socket.url());
        // Its own database: the shared Slack context must not deliver this one's posts, nor this one theirs.
        registry.add("sitrep.redis.url", () -> TestRedis.server().url() + "/8");
        registry.add("sitrep.slack.api-url", slack::apiUrl);
    }

    @AfterAll
    static void stopFakes() throws Exception {
        socket.close();
        slack.close();
    }

    @Autowired
    IncidentStore store;

    @Test
    void aSlashCommandOverTheSocketIsAcknowledgedAndDeclares() {
        await().atMost(Duration.ofSeconds(15)).until(socket::connected);
        assertThat(slack.calls("apps.connections.open")).isNotEmpty();

        socket.sendToApp(envelope("env-1", "declare \"Search is slow\" --sev 2"));

        await().atMost(Duration.ofSeconds(10)).until(() -> socket.received().stream().anyMatch(m -> m.contains("env-1")));
        await().atMost(Duration.ofSeconds(10)).until(() -> !slack.calls("/respond/socket-1").isEmpty()
                && !slack.posts("C0STAKE").isEmpty());
        assertThat(store.find(new IncidentId(1))).hasValueSatisfying(i -> assertThat(i.title()).isEqualTo("Search is slow"));
        assertThat(slack.calls("conversations.create")).singleElement()
                .satisfies(c -> assertThat(c.field("name")).isEqualTo("inc-1-search-is-slow"));
        assertThat(slack.calls("/respond/socket-1").get(0).json(null).path("text").asText()).contains("Declared INC-1");
    }

    private static String envelope(String id, String text) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode envelope = json.createObjectNode();
        envelope.put("envelope_id", id);
        envelope.put("type", "slash_commands");
        envelope.put("accepts_response_payload", true);
        ObjectNode payload = envelope.putObject("payload");
        payload.put("token", "legacy-token");
        payload.put("team_id", "T0TEAM");
        payload.put("channel_id", "C0OPS");
        payload.put("channel_name", "ops");
        payload.put("user_id", "U0BOB");
        payload.put("user_name", "bob");
        payload.put("command", "/incident");
        payload.put("text", text);
        payload.put("response_url", slack.baseUrl() + "/respond/socket-1");
        payload.put("trigger_id", "socket-trigger-1");
        return envelope.toString();
    }
}
