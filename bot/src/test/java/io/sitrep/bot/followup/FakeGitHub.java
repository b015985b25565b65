package io.sitrep.bot.followup;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * GitHub's REST API as far as follow-ups use it, over real HTTP, in its published shapes: POST
 * /repos/{o}/{r}/issues → 201 {number, html_url}; GET /search/issues?q=… → {total_count, items};
 * 401 for a bad token; 403 with x-ratelimit-remaining: 0 and x-ratelimit-reset when told to limit.
 * It can also make an issue and drop the connection before answering: an answer lost.
 */
final class FakeGitHub extends JsonFake {

    static final String TOKEN = "good-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");

    record Issue(int number, String title, String body) {
    }

    final List<Issue> issues = new CopyOnWriteArrayList<>();
    final AtomicBoolean rateLimitNext = new AtomicBoolean();
    final AtomicBoolean dropNextAnswer = new AtomicBoolean();
    volatile Instant rateLimitReset;
    private final String repo;

    FakeGitHub(String repo) {
        this.repo = repo;
    }

    @Override
    void handle(HttpExchange exchange) throws IOException {
        if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            answer(exchange, 401, "{\"message\":\"Bad credentials\"}");
            return;
        }
        if (rateLimitNext.getAndSet(false)) {
            exchange.getResponseHeaders().add("x-ratelimit-remaining", "0");
            exchange.getResponseHeaders().add("x-ratelimit-reset", Long.toString(rateLimitReset.getEpochSecond()));
            answer(exchange, 403, "{\"message\":\"API rate limit exceeded\"}");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        if (exchange.getRequestMethod().equals("POST") && path.equals("/repos/" + repo + "/issues")) {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            Issue issue = new Issue(issues.size() + 1, body.path("title").asText(), body.path("body").asText());
            issues.add(issue);
            if (dropNextAnswer.getAndSet(false)) {
                return; // made, and the connection closed with no answer
            }
            answer(exchange, 201, JSON.writeValueAsString(json(issue)));
        } else if (exchange.getRequestMethod().equals("GET") && path.equals("/search/issues")) {
            String q = URLDecoder.decode(exchange.getRequestURI().getRawQuery().substring(2), StandardCharsets.UTF_8);
            Matcher quoted = QUOTED.matcher(q);
            String phrase = quoted.find() ? quoted.group(1) : q;
            List<Issue> found = issues.stream().filter(i -> q.contains("repo:" + repo) && i.body().contains(phrase))
                    .toList();
            ObjectNode result = JSON.createObjectNode().put("total_count", found.size())
                    .put("incomplete_results", false);
            found.forEach(i -> result.withArray("items").add(json(i)));
            answer(exchange, 200, JSON.writeValueAsString(result));
        } else {
            answer(exchange, 404, "{\"message\":\"Not Found\"}");
        }
    }

    private ObjectNode json(Issue issue) {
        return JSON.createObjectNode().put("number", issue.number()).put("title", issue.title())
                .put("body", issue.body()).put("state", "open")
                .put("html_url", "https://github.com/" + repo + "/issues/" + issue.number());
    }
}
