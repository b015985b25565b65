package io.sitrep.bot.followup;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
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
 * Follow-ups as issues (tasks) of one Jira project, through its REST API v2: each issue carries
 * the label {@code sitrep-INC-7-A2}, looked up by JQL before one is made, so a retry after an
 * answer that never came finds the issue the first try made.
 */
final class JiraIssues implements IssueTracker {

    static final String KIND = "jira";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI site;
    private final String project;
    private final TrackerCall call;

    JiraIssues(FollowUpSettings.Jira settings, Clock clock) {
        String base = settings.url().toString();
        this.site = URI.create(base.endsWith("/") ? base : base + "/");
        this.project = settings.project().strip();
        String basic = Base64.getEncoder().encodeToString((settings.user() + ":" + settings.token())
                .getBytes(StandardCharsets.UTF_8));
        this.call = new TrackerCall("Jira", Map.of("Authorization", "Basic " + basic), clock);
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** The label that finds the issue of {@code ref} again (labels take no slash or space). */
    static String label(FollowUpRef ref) {
        return "sitrep-" + ref.incident() + "-A" + ref.number();
    }

    /** The follow-up a label names, if it is one of ours. */
    static Optional<FollowUpRef> fromLabel(String label) {
        if (!label.startsWith("sitrep-INC-")) {
            return Optional.empty();
        }
        int a = label.lastIndexOf("-A");
        return a < 0 ? Optional.empty() : FollowUpRef.tryParse(label.substring("sitrep-".length(), a) + "/"
                + label.substring(a + 1));
    }

    @Override
    public Optional<FollowUp.Tracker> find(FollowUpRef ref) {
        String jql = "project = \"" + project + "\" AND labels = \"" + label(ref) + "\"";
        TrackerCall.Answer answer = call.get(site.resolve("rest/api/2/search?fields=summary&jql="
                + URLEncoder.encode(jql, StandardCharsets.UTF_8)));
        if (!answer.ok()) {
            throw new PostponedDelivery("Jira search answered " + answer.status() + ": "
                    + PagerHttp.shortened(answer.body(), 200), null);
        }
        JsonNode issues = read(answer.body()).path("issues");
        return issues.isEmpty() ? Optional.empty() : Optional.of(tracker(issues.get(0)));
    }

    /**
     * The issues of {@code keys} that have a resolution (at most 50 keys a call, as Jira pages).
     *
     * @throws PostponedDelivery when Jira cannot say now
     */
    java.util.Set<String> resolved(java.util.List<String> keys) {
        java.util.Set<String> done = new java.util.HashSet<>();
        for (int from = 0; from < keys.size(); from += 50) {
            String jql = "key in (" + String.join(", ", keys.subList(from, Math.min(keys.size(), from + 50)))
                    + ") AND resolution is not EMPTY";
            TrackerCall.Answer answer = call.get(site.resolve("rest/api/2/search?maxResults=50&fields=resolution&jql="
                    + URLEncoder.encode(jql, StandardCharsets.UTF_8)));
            if (!answer.ok()) {
                throw new PostponedDelivery("Jira search answered " + answer.status(), null);
            }
            read(answer.body()).path("issues").forEach(issue -> done.add(issue.path("key").asText()));
        }
        return done;
    }

    @Override
    public FollowUp.Tracker create(FollowUpRef ref, Incident incident, FollowUp action) {
        ObjectNode fields = JSON.createObjectNode();
        fields.putObject("project").put("key", project);
        fields.put("summary", PagerHttp.shortened(action.text(), 250));
        fields.put("description", IssueTracker.description(ref, incident, action));
        fields.putObject("issuetype").put("name", "Task");
        fields.putArray("labels").add("sitrep").add(label(ref));
        if (action.due() != null) {
            fields.put("duedate", action.due().toString());
        }
        ObjectNode issue = JSON.createObjectNode();
        issue.set("fields", fields);
        TrackerCall.Answer answer = call.post(site.resolve("rest/api/2/issue"), write(issue));
        if (!answer.ok()) {
            throw new IssueTracker.Refused("Jira answered " + answer.status() + ": "
                    + PagerHttp.shortened(answer.body(), 200));
        }
        return tracker(read(answer.body()));
    }

    private FollowUp.Tracker tracker(JsonNode issue) {
        String key = issue.path("key").asText();
        return new FollowUp.Tracker(KIND, key, site.resolve("browse/" + key).toString());
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new PostponedDelivery("Jira answered something that is no JSON", null);
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
