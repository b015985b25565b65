package io.sitrep.integrations.paging;

import java.net.URI;
import java.time.Clock;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.sitrep.config.PublicUrlSettings;
import io.sitrep.incident.Incident;
import io.sitrep.incident.Severity;
import io.sitrep.incident.paging.Page;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.PageMark;
import io.sitrep.integrations.chat.PageReceipts;

/**
 * Pages through PagerDuty's Events API v2, with the person's routing key from people.yml: a
 * notification triggers, an acknowledgement acknowledges, the page's end resolves. All three
 * carry one dedup key per page ({@code sitrep-INC-7-P1}), so a retry of a trigger PagerDuty did
 * take changes nothing there, and the acknowledgement and the end reach the alert the trigger
 * opened. 202 is delivered; 429 and 5xx are tried again later; 400 (and any other answer) is
 * refused for good with PagerDuty's own words, which escalates the page at once.
 */
public final class PagerDutyPager extends HttpPager {

    public static final String METHOD = "pagerduty";
    /** PagerDuty's limit on {@code payload.summary}. */
    static final int SUMMARY_LIMIT = 1024;

    private final URI eventsUrl;

    public PagerDutyPager(URI eventsUrl, IncidentStore store, PageReceipts receipts, PublicUrlSettings links,
                          Clock clock) {
        super(METHOD, "PagerDuty", store, receipts, links, clock);
        this.eventsUrl = eventsUrl;
    }

    @Override
    String post(Incident incident, DeliveryMessage message, Audience.Pager to, String messageId) {
        PagerHttp.Answer answer = http.post(eventsUrl, Map.of(), event(incident, message, to.address()));
        return answer.ok() ? null : "PagerDuty answered " + answer.status() + ": " + reason(answer.body());
    }

    /** The Events API v2 event for {@code message}. */
    String event(Incident incident, DeliveryMessage message, String routingKey) {
        PageMark mark = message.page();
        ObjectNode event = JSON.createObjectNode();
        event.put("routing_key", routingKey);
        event.put("event_action", action(mark.kind()));
        event.put("dedup_key", dedupKey(incident, mark));
        if (mark.kind() == PageMark.Kind.NOTIFY) {
            String link = link(incident);
            String reason = incident.paging().page(mark.page()).map(Page::reason).orElse(incident.title());
            ObjectNode payload = event.putObject("payload");
            payload.put("summary", PagerHttp.shortened(incident.id() + " " + incident.severity() + " "
                    + incident.title() + ": " + reason, SUMMARY_LIMIT));
            payload.put("source", "sitrep");
            payload.put("severity", severity(incident.severity()));
            ObjectNode details = payload.putObject("custom_details");
            details.put("incident", incident.id().toString());
            details.put("title", incident.title());
            details.put("state", incident.state().name());
            details.put("service", incident.service());
            details.put("page", mark.page());
            details.put("level", mark.level() + 1);
            details.put("person", mark.person());
            details.put("acknowledge", "/incident ack " + incident.id());
            details.put("link", link);
            event.putArray("links").addObject().put("href", link).put("text", incident.id() + " in Sitrep");
        }
        return write(event);
    }

    /** One per page of an incident: every event of the page reaches the one alert it opened. */
    static String dedupKey(Incident incident, PageMark mark) {
        return "sitrep-" + incident.id() + "-" + mark.page();
    }

    private static String action(PageMark.Kind kind) {
        return switch (kind) {
            case NOTIFY -> "trigger";
            case HANDLED -> "acknowledge";
            case ENDED -> "resolve";
        };
    }

    static String severity(Severity severity) {
        return switch (severity) {
            case SEV1 -> "critical";
            case SEV2 -> "error";
            case SEV3 -> "warning";
            case SEV4 -> "info";
        };
    }

    /** PagerDuty's {@code message} and {@code errors}, or the body as it came. */
    private static String reason(String body) {
        try {
            JsonNode answer = JSON.readTree(body);
            StringBuilder reason = new StringBuilder(answer.path("message").asText("no message"));
            answer.path("errors").forEach(error -> reason.append("; ").append(error.asText()));
            return PagerHttp.shortened(reason.toString(), 300);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return PagerHttp.shortened(body, 300);
        }
    }
}
