package io.sitrep.config;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sitrep.followups.*}: where follow-ups become issues. With {@code github.repo} set
 * ({@code owner/repo}, with a {@code token} that may create issues there), each follow-up gets an
 * issue in that repository, and the {@code webhook-secret} checks GitHub's {@code issues} events
 * at {@code POST /hooks/github}; {@code api-url} is GitHub Enterprise's API or a test's. With
 * {@code jira.url} set instead, each follow-up gets an issue in that Jira project.
 */
@ConfigurationProperties("sitrep.followups")
public record FollowUpSettings(GitHub github, Jira jira) {

    public FollowUpSettings {
        github = github == null ? new GitHub(null, null, URI.create("https://api.github.com"), null) : github;
        jira = jira == null ? new Jira(null, null, null, null, null) : jira;
    }

    /**
     * A Jira project: {@code url} (the site, {@code https://acme.atlassian.net}), {@code project}
     * (its key), {@code user} and {@code token} (an API token: basic auth). Jira's webhook calls
     * {@code POST /hooks/jira?token=<webhook-token>}.
     */
    public record Jira(URI url, String project, String user, String token, String webhookToken) {

        public boolean configured() {
            return url != null && project != null && !project.isBlank();
        }
    }

    public record GitHub(String repo, String token, @DefaultValue("https://api.github.com") URI apiUrl,
                         String webhookSecret) {

        public boolean configured() {
            return repo != null && !repo.isBlank();
        }
    }
}
