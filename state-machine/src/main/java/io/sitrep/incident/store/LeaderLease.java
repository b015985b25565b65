package io.sitrep.incident.store;

import java.time.Duration;

/**
 * One holder at a time for a job every replica could run (the health watch): the holder keeps
 * the lease by renewing it; when it stops, the lease runs out and another replica takes it.
 */
public interface LeaderLease {

    /** Keeps the lease if {@code holder} has it, takes it if nobody does; true when {@code holder} has it now. */
    boolean holdOrTake(String lease, String holder, Duration ttl);
}
