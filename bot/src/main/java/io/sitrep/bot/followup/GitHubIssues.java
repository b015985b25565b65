package io.sitrep.bot.followup;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.sitrep.config.FollowUpSettings;
import io.sitrep.incident.FollowUp;
import io.sitrep.incident.Incident;
import io.sitrep.integrations.chat.PostponedDelivery;
import io.sitrep.integrations.paging.PagerHttp;

/**
 * Follow-ups as issues of one GitHub repository, through its REST API: each issue carries a
 * hidden marker ({@code <!-- sitrep:INC-7/A2 -->}) in its body, searched for before one is made,
 * so a retry after an answer that never came finds the issue the first try made.
 */
final class GitHubIssues implements IssueTracker {

    static final String KIND = "github";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String repo;
    private final URI api;
    private final TrackerCall call;

    GitHubIssues(FollowUpSettings.GitHub settings, Clock clock) {
        this.repo = settings.repo().strip();
        String base = settings.apiUrl().toString();
        this.api = URI.create(base.endsWith("/") ? base : base + "/");
        this.call = new TrackerCall("GitHub", Map.of("Authorization", "Bearer " + settings.token(),
                "X-GitHub-Api-Version", "2022-11-28"), clock);
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** What the issue's body carries to be found again, unseen in GitHub's rendering. */
    static String marker(FollowUpRef ref) {
        return "<!-- sitrep:" + ref + " -->";
    }

    /** The issue that tracks {@code ref}, if one was made already. */
    @Override
    public Optional<FollowUp.Tracker> find(FollowUpRef ref) {
        String q = "repo:" + repo + " \"sitrep:" + ref + "\" in:body";
        TrackerCall.Answer answer = call.get(api.resolve("search/issues?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)));
        if (!answer.ok()) {
            throw new PostponedDelivery("GitHub search answered " + answer.status() + ": "
                    + PagerHttp.shortened(answer.body(), 200), null);
        }
        // Search matches words, not the exact marker: the body is checked for it.
        for (JsonNode item : read(answer.body()).path("items")) {
            if (item.path("body").asText("").contains(marker(ref))) {
                return Optional.of(tracker(item));
            }
        }
        return Optional.empty();
    }

    @Override
    public FollowUp.Tracker create(FollowUpRef ref, Incident incident, FollowUp action) {
        ObjectNode issue = JSON.createObjectNode();
        issue.put("title", PagerHttp.shortened(action.text(), 240));
        issue.put("body", IssueTracker.description(ref, incident, action) + "\n\n" + marker(ref));
        TrackerCall.Answer answer = call.post(api.resolve("repos/" + repo + "/issues"), write(issue));
        if (!answer.ok()) {
            throw new IssueTracker.Refused("GitHub answered " + answer.status() + ": " + PagerHttp.shortened(answer.body(), 200));
        }
        return tracker(read(answer.body()));
    }

    private FollowUp.Tracker tracker(JsonNode issue) {
        return new FollowUp.Tracker(KIND, repo + "#" + issue.path("number").asLong(), issue.path("html_url").asText());
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new PostponedDelivery("GitHub answered something that is no JSON", null);
        }
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
