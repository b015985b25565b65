package io.sitrep.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sitrep.paging.*}: which severities page on declaration, the escalation policy for an
 * incident whose service none names, where PagerDuty's Events API is, how long a page of one
 * person or schedule (no policy) waits for an acknowledgement before saying that nobody
 * answered, the heartbeats whose silence pages someone, and the secret page webhooks are
 * signed with (Standard Webhooks: {@code whsec_} and base64; empty: webhooks are not sent).
 */
@ConfigurationProperties("sitrep.paging")
public record PagingSettings(@DefaultValue({"SEV1", "SEV2"}) List<String> severities, String defaultPolicy,
                             @DefaultValue("https://events.pagerduty.com/v2/enqueue") URI pagerdutyUrl,
                             @DefaultValue("PT5M") Duration escalateAfter,
                             List<Heartbeat> heartbeats, String webhookSecret) {

    public PagingSettings {
        severities = severities == null ? List.of() : List.copyOf(severities);
        defaultPolicy = defaultPolicy == null || defaultPolicy.isBlank() ? null : defaultPolicy.strip();
        heartbeats = heartbeats == null ? List.of() : List.copyOf(heartbeats);
        webhookSecret = webhookSecret == null || webhookSecret.isBlank() ? null : webhookSecret.strip();
        if (escalateAfter.isNegative() || escalateAfter.isZero()) {
            throw new IllegalArgumentException("sitrep.paging.escalate-after must be positive");
        }
    }

    /**
     * A heartbeat Sitrep expects every {@code every} (give or take {@code grace}): when one is
     * missed it pages {@code policy}, once, until it beats again.
     */
    public record Heartbeat(String name, Duration every, @DefaultValue("PT1M") Duration grace, String policy) {
    }
}
