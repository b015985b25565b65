package io.sitrep.bot.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import io.sitrep.integrations.chat.ChatCommand;

/**
 * The live requests behind this replica's deliveries (a Discord interaction, say), by delivery
 * id: the queue keeps only what survives a restart, so whether a person can still be told of a
 * failure privately depends on the delivery being worked on where it was taken, soon enough.
 * Platforms stop accepting replies to a request after 15 minutes, so older ones are dropped.
 */
final class CallerRequests {

    private static final Duration KEPT_FOR = Duration.ofMinutes(15);
    private static final int MAX_KEPT = 10_000;

    private record Kept(ChatCommand request, Instant until) {
    }

    private final Clock clock;
    private final Map<String, Kept> requests = new LinkedHashMap<>();

    CallerRequests(Clock clock) {
        this.clock = clock;
    }

    synchronized void keep(String deliveryId, ChatCommand request) {
        if (request == null) {
            return;
        }
        Instant now = clock.instant();
        for (Iterator<Kept> oldest = requests.values().iterator(); oldest.hasNext(); ) {
            Kept kept = oldest.next();
            if (kept.until().isAfter(now) && requests.size() < MAX_KEPT) {
                break;
            }
            oldest.remove();
        }
        requests.put(deliveryId, new Kept(request, now.plus(KEPT_FOR)));
    }

    /** A request kept for a delivery that was never stored (its change lost a race and was decided again). */
    synchronized void forget(String deliveryId) {
        requests.remove(deliveryId);
    }

    /** The request, while it may still be answered; it stays for the delivery's other platforms. */
    synchronized ChatCommand find(String deliveryId) {
        Kept kept = requests.get(deliveryId);
        return kept == null || kept.until().isBefore(clock.instant()) ? null : kept.request();
    }
}
