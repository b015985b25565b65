package io.sitrep.integrations.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The signature receivers check, and how long a receiver's Retry-After makes a page wait. */
class WebhookSignatureTest {

    @Test
    void signsAsTheStandardWebhooksExampleDoes() {
        WebhookSignature signature = new WebhookSignature("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        assertThat(signature.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}"))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void refusesASecretThatIsNoBase64OrTooShort() {
        assertThatThrownBy(() -> new WebhookSignature("whsec_not base64!")).hasMessageContaining("webhook-secret");
        assertThatThrownBy(() -> new WebhookSignature("whsec_c2hvcnQ=")).hasMessageContaining("too short");
    }

    @Test
    void readsRetryAfterInSecondsOrAsAnHttpDateWithinBounds() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);

        assertThat(PagerHttp.retryAfter(headers("7"), clock)).isEqualTo(Duration.ofSeconds(7));
        assertThat(PagerHttp.retryAfter(headers("Mon, 07 Dec 2026 10:00:30 GMT"), clock))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(PagerHttp.retryAfter(headers("Mon, 07 Dec 2026 09:00:00 GMT"), clock))
                .as("a date passed: soon, not in a busy loop").isEqualTo(Duration.ofSeconds(1));
        assertThat(PagerHttp.retryAfter(headers("86400"), clock)).isEqualTo(Duration.ofHours(1));
        assertThat(PagerHttp.retryAfter(headers("soon"), clock)).isNull();
        assertThat(PagerHttp.retryAfter(HttpHeaders.of(Map.of(), (a, b) -> true), clock)).isNull();
    }

    private static HttpHeaders headers(String retryAfter) {
        return HttpHeaders.of(Map.of("Retry-After", List.of(retryAfter)), (a, b) -> true);
    }
}
