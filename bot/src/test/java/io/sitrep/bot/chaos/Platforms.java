package io.sitrep.bot.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sitrep.bot.slack.SlackRequests;
import io.sitrep.integrations.chat.discord.FakeDiscord;
import io.sitrep.integrations.chat.slack.FakeSlackApi;

/**
 * How a person reaches a replica on each platform: a signed Slack slash command answered on its
 * {@code response_url}, a Discord interaction through the gateway answered by editing the
 * deferred reply, and the HTTP API. Each call records in the ledger what the replica answered and
 * whether the caller was told it worked.
 */
final class Platforms {

    static final String SLACK_SECRET = "chaos-signing-secret";
    static final String API_TOKEN = "chaos-api-token";
    static final String API_USER = "chaos-api";
    static final String SLACK_OPS_CHANNEL = "C0OPS";
    static final String SLACK_STAKEHOLDERS = "C0STAKE";
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeSlackApi slack;
    private final FakeDiscord discord;
    private final Ledger ledger;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();
    private final Object discordDispatch = new Object();

    Platforms(FakeSlackApi slack, FakeDiscord discord, Ledger ledger) {
        this.slack = slack;
        this.discord = discord;
        this.ledger = ledger;
    }

    HttpClient http() {
        return http;
    }

    /** {@code /incident <line>} typed by alice on Slack, sent to {@code replica}; waits for the answer. */
    void slack(Replica replica, Ledger.Command command, String line) {
        String respond = "/respond/" + command.token();
        HttpRequest request = SlackRequests.slashCommandRequest(replica.port(), SLACK_SECRET, slack.baseUrl() + respond,
                SLACK_OPS_CHANNEL, line);
        HttpResponse<String> ack = send(replica, "slack", request);
        if (ack == null || ack.statusCode() != 200) {
            command.answered(false, ack == null ? "no answer" : "ack " + ack.statusCode());
            return;
        }
        long until = System.nanoTime() + ANSWER_WITHIN.toNanos();
        while (System.nanoTime() < until) {
            List<FakeSlackApi.Call> answers = slack.calls(respond);
            if (!answers.isEmpty()) {
                String text = answers.get(0).json(null).path("text").asText();
                command.answered(!text.startsWith("✗"), text);
                return;
            }
            pause(100);
        }
        command.answered(false, "acknowledged, but no answer within " + ANSWER_WITHIN.toSeconds() + " s");
    }

    /**
     * {@code /incident <subcommand>} by alice on Discord, to the bot session of {@code session}
     * (Discord picks one of the connected sessions); waits for the deferred reply's edit.
     */
    void discord(int session, Ledger.Command command, String channel, String subcommand, String... options) {
        FakeDiscord.Interaction interaction;
        synchronized (discordDispatch) {
            if (discord.sessions() == 0) {
                command.answered(false, "no bot session connected");
                return;
            }
            discord.interactionsToSession(session % discord.sessions());
            try {
                interaction = discord.slash("alice", channel, null, subcommand, options);
            } catch (RuntimeException gone) {
                command.answered(false, "the session closed: " + gone.getMessage());
                return;
            }
        }
        long until = System.nanoTime() + ANSWER_WITHIN.toNanos();
        while (System.nanoTime() < until) {
            List<FakeDiscord.Call> edits = discord.replies(interaction.token());
            if (!edits.isEmpty()) {
                String text = edits.get(edits.size() - 1).json().path("content").asText();
                command.answered(!text.startsWith("✗"), text);
                return;
            }
            pause(100);
        }
        command.answered(false, "no reply within " + ANSWER_WITHIN.toSeconds() + " s");
    }

    /** {@code POST /api/commands} as the API user. */
    void api(Replica replica, Ledger.Command command, String line) {
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("text", line, "user", API_USER, "channel", "api"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpResponse<String> answer = send(replica, "api", HttpRequest.newBuilder(URI.create(replica.baseUrl() + "/api/commands"))
                .header("Authorization", "Bearer " + API_TOKEN).header("Content-Type", "application/json")
                .timeout(ANSWER_WITHIN).POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (answer == null) {
            command.answered(false, "no answer");
            return;
        }
        command.answered(answer.statusCode() == 200 && okIn(answer.body()), answer.statusCode() + " " + answer.body());
    }

    /** A GET of the API or the status page, as JSON; null when the replica did not answer 200. */
    JsonNode getJson(Replica replica, String path) {
        HttpResponse<String> answer = send(replica, "get " + path.replaceAll("INC-\\d+", "INC-n"),
                HttpRequest.newBuilder(URI.create(replica.baseUrl() + path)).header("Authorization", "Bearer " + API_TOKEN)
                        .timeout(Duration.ofSeconds(10)).GET().build());
        if (answer == null || answer.statusCode() != 200) {
            return null;
        }
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            return null;
        }
    }

    /** Sends and records the answer in the ledger; null when the replica gave none. */
    HttpResponse<String> send(Replica replica, String endpoint, HttpRequest request) {
        HttpRequest bounded = request.timeout().isPresent() ? request
                : HttpRequest.newBuilder(request, (name, value) -> true).timeout(ANSWER_WITHIN).build();
        java.time.Instant sentAt = java.time.Instant.now();
        boolean runningAtStart = replica.running();
        java.time.Instant since = replica.since();
        try {
            HttpResponse<String> response = http.send(bounded, HttpResponse.BodyHandlers.ofString());
            ledger.answer(replica.index(), endpoint, response.statusCode(), response.body());
            return response;
        } catch (IOException e) {
            boolean ranThroughout = runningAtStart && replica.running() && replica.since().equals(since);
            ledger.noAnswer(sentAt, replica.index(), endpoint, ranThroughout, e.toString());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static boolean okIn(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            return json.path("ok").asBoolean(false);
        } catch (IOException e) {
            return false;
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
