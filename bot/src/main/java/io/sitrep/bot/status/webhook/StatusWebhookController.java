package io.sitrep.bot.status.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.security.SecureRandom;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.sitrep.config.StatusSettings;
import io.sitrep.integrations.paging.PagerHttp;
import io.sitrep.integrations.paging.WebhookSignature;
import io.sitrep.integrations.redis.RedisStatusWebhooks;

/**
 * The status page's webhook subscribers, kept by the admins over the API (behind the token, as
 * all of {@code /api}): add one, list them, remove one, enable one that was given up. A
 * subscriber's secret goes in once and never comes back out.
 */
@RestController
class StatusWebhookController {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final RedisStatusWebhooks webhooks;
    private final StatusSettings status;
    private final Subscribers subscribers;
    private final Clock clock;

    StatusWebhookController(RedisStatusWebhooks webhooks, Subscribers subscribers, StatusSettings status, Clock clock) {
        this.webhooks = webhooks;
        this.subscribers = subscribers;
        this.status = status;
        this.clock = clock;
    }

    record NewWebhook(String url, String secret, List<String> components) {
    }

    /** A subscriber as shown: never its secret. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record WebhookView(String id, String url, List<String> components, boolean enabled, Instant createdAt,
                       Instant disabledAt, String lastError) {
        static WebhookView of(RedisStatusWebhooks.Listed listed) {
            RedisStatusWebhooks.Webhook webhook = listed.webhook();
            return new WebhookView(webhook.id(), webhook.url(), webhook.components(), listed.enabled(),
                    webhook.createdAt(), listed.disabledAt(), listed.lastError());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Refusal(boolean ok, String error) {
    }

    @PostMapping(path = "/api/status/webhooks", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<WebhookView> add(@RequestBody(required = false) NewWebhook request) {
        if (request == null) {
            throw new Refused("Send {\"url\": \"https://…\", \"secret\": \"whsec_…\", \"components\": [\"…\"]}.");
        }
        String url = request.url() == null ? "" : request.url().strip();
        if (url.isEmpty() || PagerHttp.url(url) == null) {
            throw new Refused("\"url\" must be an http(s) URL, e.g. https://example.com/hooks/status.");
        }
        String secret = request.secret() == null ? "" : request.secret().strip();
        if (!secret.startsWith("whsec_") || !signs(secret)) {
            throw new Refused("\"secret\" must be whsec_ followed by base64 of at least 16 random bytes "
                    + "(Standard Webhooks' form), e.g. whsec_ and the output of: openssl rand -base64 32.");
        }
        RedisStatusWebhooks.Webhook webhook = new RedisStatusWebhooks.Webhook(newId(), url, secret,
                known(request.components()), clock.instant());
        webhooks.add(webhook);
        subscribers.added();
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(WebhookView.of(new RedisStatusWebhooks.Listed(webhook, null, null)));
    }

    @GetMapping(path = "/api/status/webhooks", produces = MediaType.APPLICATION_JSON_VALUE)
    List<WebhookView> all() {
        return webhooks.all().stream().map(WebhookView::of).toList();
    }

    @DeleteMapping(path = "/api/status/webhooks/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Refusal> remove(@PathVariable String id) {
        if (!webhooks.remove(id)) {
            throw new NotFound(id);
        }
        return ResponseEntity.ok(new Refusal(true, null));
    }

    @PostMapping(path = "/api/status/webhooks/{id}/enable", produces = MediaType.APPLICATION_JSON_VALUE)
    WebhookView enable(@PathVariable String id) {
        if (!webhooks.enable(id)) {
            throw new NotFound(id);
        }
        subscribers.added();
        return webhooks.find(id).map(WebhookView::of).orElseThrow(() -> new NotFound(id));
    }

    private static boolean signs(String secret) {
        try {
            new WebhookSignature(secret);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The components as configured, each named once; empty for all of them. */
    private List<String> known(List<String> asked) {
        List<String> names = status.components().stream().map(StatusSettings.Component::name).toList();
        List<String> known = new ArrayList<>();
        for (String name : asked == null ? List.<String>of() : asked) {
            String match = names.stream().filter(n -> name != null && n.equalsIgnoreCase(name.strip())).findFirst()
                    .orElseThrow(() -> new Refused("There is no component \"" + name + "\" on the status page. "
                            + (names.isEmpty() ? "None are configured (sitrep.status.components), so leave "
                            + "\"components\" empty to hear of every post."
                            : "Components: " + String.join(", ", names) + "; or leave \"components\" empty for all.")));
            if (!known.contains(match)) {
                known.add(match);
            }
        }
        return known;
    }

    private static String newId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return "wh_" + HexFormat.of().formatHex(bytes);
    }

    @ExceptionHandler(Refused.class)
    ResponseEntity<Refusal> refused(Refused e) {
        return ResponseEntity.badRequest().body(new Refusal(false, e.getMessage()));
    }

    @ExceptionHandler(NotFound.class)
    ResponseEntity<Refusal> notFound(NotFound e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new Refusal(false, e.getMessage()));
    }

    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    static final class NotFound extends RuntimeException {
        NotFound(String id) {
            super("There is no status webhook \"" + id + "\". GET /api/status/webhooks lists them.");
        }
    }
}
