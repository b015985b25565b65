package io.sitrep.integrations.chat;

import java.time.Duration;
import java.util.List;

/** How one attempt at a delivery on one platform went. */
public sealed interface DeliveryResult {

    /**
     * Every message is out, or failed for good: a missing channel or permission is not fixed by
     * asking again, so it is recorded and told rather than retried.
     *
     * @param failures what failed for good, in words for people; empty when all went out
     */
    record Delivered(List<String> failures) implements DeliveryResult {
        public Delivered {
            failures = List.copyOf(failures);
        }
    }

    /**
     * The platform is down, slow or limiting: try the rest of this delivery again after
     * {@code after} (Slack's or Discord's Retry-After when they gave one). Messages already out
     * were marked in the {@link DeliverySteps} and are not sent again.
     */
    record Postponed(Duration after, String reason) implements DeliveryResult {
    }

    static DeliveryResult delivered() {
        return new Delivered(List.of());
    }
}
