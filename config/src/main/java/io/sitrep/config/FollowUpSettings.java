package io.sitrep.config;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sitrep.followups.*}: where follow-ups become issues. With {@code github.repo} set
 * ({@code owner/repo}, with a {@code token} that may create issues there), each follow-up gets an
 * issue in that repository, and the {@code webhook-secret} checks GitHub's {@code issues} events
 * at {@code POST /hooks/github}; {@code api-url} is GitHub Enterprise's API or a test's.
 */
@ConfigurationProperties("sitrep.followups")
public record FollowUpSettings(GitHub github) {

    public FollowUpSettings {
        github = github == null ? new GitHub(null, null, URI.create("https://api.github.com"), null) : github;
    }

    public record GitHub(String repo, String token, @DefaultValue("https://api.github.com") URI apiUrl,
                         String webhookSecret) {

        public boolean configured() {
            return repo != null && !repo.isBlank();
        }
    }
}
