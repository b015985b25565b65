package io.sitrep.bot.heartbeat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.sitrep.incident.IncidentId;

/**
 * What a silence's marker holds: {@code pending:<millis>:<holder>} while the replica that
 * claimed it opens its incident, then the incident's id. A pending marker older than
 * {@link #STALE} is a claimant that stopped half-way; another may take it over.
 */
final class SilenceMarker {

    /** Far longer than opening an incident takes (milliseconds, a few retries at worst). */
    static final Duration STALE = Duration.ofMinutes(1);
    private static final String PENDING = "pending:";

    private SilenceMarker() {
    }

    static String pending(Instant at, String holder) {
        return PENDING + at.toEpochMilli() + ":" + holder;
    }

    static boolean isPending(String marker) {
        return marker.startsWith(PENDING);
    }

    /** When a pending marker was taken. */
    static Instant claimedAt(String marker) {
        String rest = marker.substring(PENDING.length());
        int colon = rest.indexOf(':');
        return Instant.ofEpochMilli(Long.parseLong(colon < 0 ? rest : rest.substring(0, colon)));
    }

    /** A pending marker its claimant has had ample time to settle. */
    static boolean stale(String marker, Instant now) {
        return isPending(marker) && claimedAt(marker).plus(STALE).isBefore(now);
    }

    /** The incident a settled marker names. */
    static Optional<IncidentId> incident(String marker) {
        return isPending(marker) ? Optional.empty() : IncidentId.tryParse(marker);
    }
}
