package io.sitrep.bot.followup;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
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
 * Jira's REST API v2 as far as follow-ups use it, over real HTTP, in its published shapes: POST
 * /rest/api/2/issue → 201 {id, key, self}; GET /rest/api/2/search?jql=… (labels = "…", or key in (…) with
 * resolution is not EMPTY) → {startAt, maxResults,
 * total, issues}; 401 for bad credentials; 429 with Retry-After when told to limit. It can also
 * make an issue and drop the connection before answering.
 */
final class FakeJira extends JsonFake {

    static final String USER = "sitrep@acme.test";
    static final String TOKEN = "jira-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern KEYS = Pattern.compile("key in \\(([^)]*)\\)");
    private static final Pattern LABEL = Pattern.compile("labels = \"([^\"]+)\"");

    record Issue(String key, String summary, List<String> labels) {
    }

    final List<Issue> issues = new CopyOnWriteArrayList<>();
    final AtomicBoolean limitNext = new AtomicBoolean();
    /** The keys of the issues resolved there. */
    final java.util.Set<String> resolved = java.util.concurrent.ConcurrentHashMap.newKeySet();
    final AtomicBoolean dropNextAnswer = new AtomicBoolean();

    FakeJira() {
    }

    @Override
    void handle(HttpExchange exchange) throws IOException {
        String basic = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));
        if (!basic.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            answer(exchange, 401, "{\"errorMessages\":[\"You are not authenticated.\"],\"errors\":{}}");
            return;
        }
        if (limitNext.getAndSet(false)) {
            exchange.getResponseHeaders().add("Retry-After", "42");
            answer(exchange, 429, "{\"errorMessages\":[\"Rate limit exceeded.\"],\"errors\":{}}");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        if (exchange.getRequestMethod().equals("POST") && path.equals("/rest/api/2/issue")) {
            JsonNode fields = JSON.readTree(exchange.getRequestBody().readAllBytes()).path("fields");
            List<String> labels = new ArrayList<>();
            fields.path("labels").forEach(l -> labels.add(l.asText()));
            Issue issue = new Issue(fields.path("project").path("key").asText() + "-" + (issues.size() + 1),
                    fields.path("summary").asText(), labels);
            issues.add(issue);
            if (dropNextAnswer.getAndSet(false)) {
                return;
            }
            answer(exchange, 201, JSON.writeValueAsString(JSON.createObjectNode().put("id", "1000" + issues.size())
                    .put("key", issue.key()).put("self", url() + "/rest/api/2/issue/1000" + issues.size())));
        } else if (exchange.getRequestMethod().equals("GET") && path.equals("/rest/api/2/search")) {
            String query = URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
            Matcher label = LABEL.matcher(query);
            String wanted = label.find() ? label.group(1) : "";
            Matcher keys = KEYS.matcher(query);
            List<String> named = keys.find() ? List.of(keys.group(1).split(",\\s*")) : List.of();
            List<Issue> found = issues.stream().filter(i -> named.isEmpty() ? i.labels().contains(wanted)
                    : named.contains(i.key()) && (!query.contains("resolution is not EMPTY")
                    || resolved.contains(i.key()))).toList();
            ObjectNode result = JSON.createObjectNode().put("startAt", 0).put("maxResults", 50)
                    .put("total", found.size());
            found.forEach(i -> result.withArray("issues").addObject().put("key", i.key())
                    .put("self", url() + "/rest/api/2/issue/" + i.key()).putObject("fields").put("summary", i.summary()));
            result.withArray("issues");
            answer(exchange, 200, JSON.writeValueAsString(result));
        } else {
            answer(exchange, 404, "{\"errorMessages\":[\"Not found\"],\"errors\":{}}");
        }
    }
}
