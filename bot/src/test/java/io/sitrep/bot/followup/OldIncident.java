package io.sitrep.bot.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.sitrep.bot.UpgradeFixture;
import io.sitrep.incident.FollowUp;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.redis.RedisConnection;
import io.sitrep.integrations.redis.TestRedis;

/**
 * INC-1 as stored before follow-ups (alice commands it, carol owns its postmortem; actions A1 and
 * A2 were plain texts), in the running application's Redis database, and commands to it.
 */
final class OldIncident {

    static final String FIXTURE = "/upgrade/0.2.0-postmortem-actions-as-text.jsonl";
    static final IncidentId INC1 = new IncidentId(1);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private OldIncident() {
    }

    /** Every database flushed, then the fixture in the one the application uses. */
    static void load() throws Exception {
        TestRedis.flushed();
        try (RedisConnection app = RedisConnection.open(TestRedis.server().url())) {
            UpgradeFixture.load(app.jedis(), FIXTURE);
        }
    }

    static FollowUp action(IncidentStore store, int number) {
        return store.find(INC1).orElseThrow().postmortem().action(number).orElseThrow();
    }

    /** Runs {@code text} as {@code user} through the command API (token {@code test-token}) and expects it to work. */
    static void command(int port, String user, String text) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/commands")).header("Authorization", "Bearer test-token")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("text", text, "user", user))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).contains("\"ok\":true");
    }
}
