package io.sitrep.bot.status.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sitrep.incident.IncidentId;
import io.sitrep.incident.Watcher;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.Delivery;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.Outbox;
import io.sitrep.integrations.redis.RedisStatusWebhooks;

/**
 * Tells the admins that a subscriber was given up: a WARN line always, and a notice in the
 * escalation channel when one is set — on the platforms of the incident whose post it failed
 * to take, as escalations go. Neither names the secret, nor the URL's query (it may hold a token).
 */
final class GiveUpNotice {

    private static final Logger log = LoggerFactory.getLogger(GiveUpNotice.class);

    private final Outbox outbox;
    private final IncidentStore store;
    private final String escalationChannel;

    GiveUpNotice(Outbox outbox, IncidentStore store, String escalationChannel) {
        this.outbox = outbox;
        this.store = store;
        this.escalationChannel = escalationChannel == null ? "" : escalationChannel.strip();
    }

    void disabled(RedisStatusWebhooks.Webhook webhook, String incident, Duration failingFor, String error) {
        String text = "Status webhook " + webhook.id() + " (" + shown(webhook.url()) + ") has failed for "
                + hours(failingFor) + " and is disabled; its undelivered posts are dropped. Last error: " + error
                + ". Enable it again with POST /api/status/webhooks/" + webhook.id() + "/enable.";
        log.warn(text);
        if (escalationChannel.isEmpty()) {
            return;
        }
        try {
            IncidentId id = IncidentId.parse(incident);
            // The pager's watcher speaks for Sitrep's own deliveries to people outside the chat.
            Delivery notice = Delivery.fromWatcher(Watcher.PAGER, id,
                    List.of(new DeliveryMessage(Audience.ESCALATION, text)), false)
                    .livingOn(store.find(id).map(i -> i.platforms()).orElse(null));
            outbox.send(notice);
        } catch (RuntimeException e) {
            log.error("The notice that status webhook {} is disabled could not be queued: {}", webhook.id(),
                    e.getMessage());
        }
    }

    /** Scheme, host, port and path: enough to know the subscriber by. */
    static String shown(String url) {
        try {
            URI uri = new URI(url);
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return "an unreadable URL";
        }
    }

    private static String hours(Duration failingFor) {
        long minutes = failingFor.toMinutes();
        return minutes >= 120 ? minutes / 60 + " hours" : minutes >= 1 ? minutes + " min"
                : failingFor.toSeconds() + " s";
    }
}
