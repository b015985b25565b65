package io.sitrep.integrations.health;

import java.time.Instant;

/**
 * How a source's last poll went, as every replica reads it.
 *
 * @param trouble      null when it answered; otherwise what was tried and what came of it
 * @param troubleSince when the present trouble began, or null
 * @param checkedAt    when the source was last polled: old means no replica is polling
 */
public record SourceStatus(String source, String trouble, Instant troubleSince, Instant checkedAt) {

    public boolean answered() {
        return trouble == null;
    }

    /** For {@code /actuator/health/sources}: {@code answered at …} or {@code not answering since …: …}. */
    public String describe() {
        return answered() ? "answered at " + checkedAt
                : "not answering since " + troubleSince + ": " + trouble + " (last tried " + checkedAt + ")";
    }
}
