package io.sitrep.bot.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.sitrep.bot.text.Times;
import io.sitrep.incident.IncidentId;
import io.sitrep.integrations.chat.DeliveryQueue;

/**
 * What an incident's posts still owe, in words for {@code /incident status}: the platforms
 * still waiting, when they are tried next and why the last try failed, and the latest posts
 * that failed for good.
 */
public final class DeliveryBacklog {

    /** An incident status shows at most this many failures for good. */
    private static final int FAILURES_SHOWN = 3;

    private final DeliveryQueue queue;
    private final List<String> platforms;

    public DeliveryBacklog(DeliveryQueue queue, List<String> platforms) {
        this.queue = queue;
        this.platforms = List.copyOf(platforms);
    }

    /** Nothing is ever owed: for set-ups without chat platforms (and tests of other things). */
    public static DeliveryBacklog none() {
        return new DeliveryBacklog(null, List.of());
    }

    /** Lines for the status; none when nothing is owed and nothing failed. */
    public List<String> describe(IncidentId incident, Instant now) {
        if (queue == null || platforms.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        for (DeliveryQueue.Owed owed : queue.owed(incident, platforms)) {
            StringBuilder line = new StringBuilder("Posts owed on ").append(owed.platform()).append(": ")
                    .append(owed.deliveries()).append(owed.deliveries() == 1 ? " delivery" : " deliveries");
            if (owed.attempts() > 0) {
                line.append(" · ").append(owed.attempts()).append(owed.attempts() == 1 ? " failed try" : " failed tries");
                if (owed.retryAt() != null && owed.retryAt().isAfter(now)) {
                    line.append(", next at ").append(Times.format(owed.retryAt()));
                }
                if (owed.lastError() != null) {
                    line.append(" (").append(owed.lastError()).append(')');
                }
            }
            lines.add(line.toString());
        }
        queue.failures(incident).stream().limit(FAILURES_SHOWN).forEach(failure -> lines.add(
                "Not posted on " + failure.platform() + " (" + Times.format(failure.at()) + "): " + failure.what()));
        return lines;
    }
}
