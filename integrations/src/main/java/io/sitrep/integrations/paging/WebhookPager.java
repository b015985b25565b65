package io.sitrep.integrations.paging;

import java.net.URI;
import java.time.Clock;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.sitrep.config.PublicUrlSettings;
import io.sitrep.incident.Incident;
import io.sitrep.incident.paging.Page;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.PageMark;
import io.sitrep.integrations.chat.PageReceipts;

/**
 * Pages by webhook: each page message is POSTed as JSON to the person's URL from people.yml,
 * signed as Standard Webhooks signs ({@code webhook-id}, {@code webhook-timestamp},
 * {@code webhook-signature}). The id is the same on every try of a message, so a receiver that
 * got a message whose answer was lost drops the repeat. A 2xx is delivered; 429, 5xx, a
 * timeout or no connection is tried again later; any other answer is refused for good, which
 * escalates the page at once.
 */
public final class WebhookPager extends HttpPager {

    public static final String METHOD = "webhook";

    private final WebhookSignature signature;
    private final Clock clock;

    public WebhookPager(WebhookSignature signature, IncidentStore store, PageReceipts receipts, PublicUrlSettings links,
                        Clock clock) {
        super(METHOD, "the webhook", store, receipts, links, clock);
        this.signature = signature;
        this.clock = clock;
    }

    @Override
    String post(Incident incident, DeliveryMessage message, Audience.Pager to, String id) {
        URI url = PagerHttp.url(to.address());
        if (url == null) {
            return "\"" + PagerHttp.shortened(to.address(), 80) + "\" is no http(s) URL";
        }
        String body = body(incident, message);
        long timestamp = clock.instant().getEpochSecond();
        PagerHttp.Answer answer = http.post(url, signature.headers(id, timestamp, body), body);
        return answer.ok() ? null : "the webhook answered " + answer.status()
                + (answer.body().isBlank() ? "" : ": " + PagerHttp.shortened(answer.body(), 200));
    }

    /** The documented payload: what happened, to which incident and page, for whom. */
    String body(Incident incident, DeliveryMessage message) {
        PageMark mark = message.page();
        ObjectNode body = JSON.createObjectNode();
        body.put("type", type(mark.kind()));
        body.put("timestamp", clock.instant().toString());
        ObjectNode about = body.putObject("incident");
        about.put("id", incident.id().toString());
        about.put("title", incident.title());
        about.put("severity", incident.severity().name());
        about.put("state", incident.state().name());
        about.put("service", incident.service());
        ObjectNode page = body.putObject("page");
        page.put("id", mark.page());
        page.put("reason", incident.paging().page(mark.page()).map(Page::reason).orElse(null));
        page.put("level", mark.level() + 1);
        body.put("person", mark.person());
        body.put("text", message.text());
        body.put("link", link(incident));
        return write(body);
    }

    private static String type(PageMark.Kind kind) {
        return switch (kind) {
            case NOTIFY -> "page.triggered";
            case HANDLED -> "page.acknowledged";
            case ENDED -> "page.ended";
        };
    }
}
