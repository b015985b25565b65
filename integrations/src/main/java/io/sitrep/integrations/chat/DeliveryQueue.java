package io.sitrep.integrations.chat;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.sitrep.incident.IncidentId;
import io.sitrep.incident.store.Announcement;

/**
 * Deliveries kept until sent, shared by every replica. Each incident has a lane per platform:
 * its deliveries in the order they were taken. A worker claims a lane with a lease, sends the
 * lane's deliveries one after the other, and releases it; a worker that dies holding a lane
 * only delays it until the lease ends, when any replica takes it up from the first delivery
 * not yet complete — and within that delivery, from the first message not yet out.
 *
 * <p>All methods may throw {@code StoreUnavailableException}.
 */
public interface DeliveryQueue {

    /** One incident's deliveries to one platform. */
    record Lane(IncidentId incident, String platform) {
    }

    /** A lane taken by one worker until {@code leaseUntil}; the lease is also its fencing token. */
    record Claim(Lane lane, long leaseUntil) {
    }

    /**
     * The first delivery of a lane, with how far it got.
     *
     * @param attempts  how many tries have been postponed so far
     * @param retryAt   not before this (a backoff or a Retry-After); null: now
     * @param stepsDone the indexes of its messages already out
     * @param startedAt when a try first began sending it; null: none has
     */
    record Queued(String id, Instant takenAt, Delivery delivery, int attempts, Instant retryAt, String lastError,
                  Set<Integer> stepsDone, Instant startedAt) {
        public Queued {
            stepsDone = Set.copyOf(stepsDone);
        }

        public Progress progress() {
            return new Progress(id, attempts, retryAt, lastError, stepsDone, startedAt);
        }
    }

    /**
     * How far a lane's first delivery {@code id} got: its postponed tries, when to try next
     * (null: now), why the last try failed, the indexes of its messages already out, and when a
     * try first began sending it. Once that is set, a message not marked as out may be out all
     * the same: its answer was lost, or the replica died before marking it. Null in what was
     * stored before it was kept, and for a delivery nothing of which was sent yet.
     */
    record Progress(String id, int attempts, Instant retryAt, String lastError, Set<Integer> stepsDone,
                    Instant startedAt) {
        public Progress {
            stepsDone = stepsDone == null ? Set.of() : Set.copyOf(stepsDone);
        }

        public Progress withSteps(Set<Integer> steps) {
            return new Progress(id, attempts, retryAt, lastError, steps, startedAt);
        }

        /** One more try postponed until {@code at}, keeping the messages already out. */
        public Progress postponed(Instant at, String reason, Set<Integer> steps) {
            return new Progress(id, attempts + 1, at, reason, steps, startedAt);
        }

        /** A try began sending at {@code at}. */
        public Progress started(Instant at) {
            return new Progress(id, attempts, retryAt, lastError, stepsDone, at);
        }
    }

    /** What an incident still owes one platform, for {@code /incident status}. */
    record Owed(String platform, int deliveries, int attempts, Instant retryAt, String lastError) {
    }

    /** A message that failed for good, kept for {@code /incident status}. */
    record Failure(String platform, Instant at, String what) {
    }

    /** Keeps {@code delivery}, as {@code id}, for each platform's lane of its incident, after what is already there. */
    void enqueue(String id, Delivery delivery, Collection<String> platforms, Instant now);

    /**
     * {@code delivery}, as {@code id}, written down for the incident store to queue with a change
     * (the same lanes and entry as {@link #enqueue}); once the change is stored,
     * {@link #markDue} lets the workers know.
     */
    Announcement announcement(String id, Delivery delivery, Collection<String> platforms, Instant now);

    /**
     * Makes the incident's lanes of these platforms due (or due again once released, if a
     * worker holds them). A lane that never gets this is found by {@link #recoverLanes}.
     */
    void markDue(IncidentId incident, Collection<String> platforms, Instant now);

    /** {@link #enqueue(String, Delivery, Collection, Instant)} under a new id, which it returns. */
    default String enqueue(Delivery delivery, Collection<String> platforms, Instant now) {
        String id = java.util.UUID.randomUUID().toString();
        enqueue(id, delivery, platforms, now);
        return id;
    }

    /**
     * Tells idle workers that lanes may have come due, so that they wait rather than poll: each
     * lane newly made due wakes one waiter, on whichever replica waits for its platform.
     */
    interface WorkSignal extends AutoCloseable {

        /**
         * Waits until a lane may have come due, or {@code timeout} passes (the caller then looks
         * all the same: a backoff may have ended, a lease run out, a signal been lost). When the
         * queue cannot be reached it waits a moment and returns.
         *
         * @return whether it was told of work
         */
        boolean await(Duration timeout) throws InterruptedException;

        /** Stops listening; a thread waiting now returns. */
        @Override
        void close();
    }

    /** A signal of lanes of {@code platforms} coming due, for one waiting thread at a time. */
    WorkSignal workSignal(Collection<String> platforms);

    /** Lanes of {@code platforms} due by {@code now}, at most {@code max}, each leased to the caller for {@code lease}. */
    default List<Claim> claim(Collection<String> platforms, Instant now, int max, Duration lease) {
        return claimDue(platforms, now, max, lease).lanes();
    }

    /**
     * Lanes claimed, and whether more were due than were claimed: only then is another worker
     * worth waking.
     *
     * @param firstHead the first lane's {@link #head}, where the claim read it in the same step;
     *                  null when it did not (ask {@link #head})
     */
    record Claims(List<Claim> lanes, boolean moreDue, Optional<Queued> firstHead) {
        public Claims {
            lanes = List.copyOf(lanes);
        }

        public Claims(List<Claim> lanes, boolean moreDue) {
            this(lanes, moreDue, null);
        }

        public static Claims none() {
            return new Claims(List.of(), false);
        }
    }

    /** {@link #claim}, telling also whether lanes were left due that another worker could take. */
    Claims claimDue(Collection<String> platforms, Instant now, int max, Duration lease);

    /** The lane's first delivery, if any. */
    Optional<Queued> head(Lane lane);

    /**
     * Records how far the lane's first delivery got (one write: only the lane's holder writes
     * it); a progress whose id is no longer the first delivery's is ignored when read.
     */
    default void saveProgress(Lane lane, Progress progress) {
        saveProgress(lane, progress, null);
    }

    /**
     * {@link #saveProgress}, writing in the same step {@code room} (the record of the incident's
     * room on the lane's platform; null: none) — see {@link DeliverySteps#keepRoom}.
     */
    void saveProgress(Lane lane, Progress progress, IncidentRoom room);

    /** The lane's first delivery {@code id} is done with; what failed for good is kept for status. */
    void complete(Lane lane, String id, List<String> failures, Instant now);

    /** {@link #complete}, then {@link #head} of the same lane, in one step. */
    default Optional<Queued> completeAndHead(Lane lane, String id, List<String> failures, Instant now) {
        return completeAndHead(lane, id, failures, now, null);
    }

    /**
     * {@link #completeAndHead}, writing also {@code room} (null: none) when {@code id} was still
     * the lane's first delivery, in the same step.
     */
    Optional<Queued> completeAndHead(Lane lane, String id, List<String> failures, Instant now, IncidentRoom room);

    /**
     * {@link #completeAndHead} of the claimed lane and, when that leaves the lane empty,
     * {@link #releaseAndClaim} of {@code claim} (due again only if something was taken for it
     * meanwhile), in the same step where the queue can; otherwise only the first.
     */
    default Completed completeAndRelease(Claim claim, String id, List<String> failures, Instant now, IncidentRoom room,
                                         Collection<String> platforms, Duration lease) {
        return new Completed(completeAndHead(claim.lane(), id, failures, now, room), null);
    }

    /**
     * What {@link #completeAndRelease} did: the lane's next delivery, or — the lane empty and
     * given back — the lanes claimed instead (null: the lane was not given back).
     */
    record Completed(Optional<Queued> next, Claims released) {
    }

    /** Extends a claim still held; empty when another worker has the lane now. */
    Optional<Claim> renew(Claim claim, Instant leaseUntil);

    /**
     * Gives the lane back: due again at {@code nextDue} (a backoff), or gone from the due index
     * when null — unless something was taken for it meanwhile, which makes it due at once.
     */
    void release(Claim claim, Instant nextDue, Instant now);

    /**
     * {@link #release}, then {@link #claimDue} of one lane of {@code platforms} for the same
     * worker, in one step: a worker that gives a lane back looks for the next one anyway.
     */
    Claims releaseAndClaim(Claim claim, Instant nextDue, Collection<String> platforms, Instant now, Duration lease);

    /** What the incident still owes each of {@code platforms}; platforms owed nothing are left out. */
    List<Owed> owed(IncidentId incident, Collection<String> platforms);

    /** The incident's latest failures for good, newest first. */
    List<Failure> failures(IncidentId incident);

    /**
     * Marks due every lane that holds deliveries: a replica that died between keeping a delivery
     * and marking its lane due left a lane nobody would look at until its incident's next change.
     * Costs a SCAN of the keyspace; for start-up and a slow timer.
     *
     * @return how many lanes hold deliveries
     */
    int recoverLanes(Instant now);

    /** Lanes with deliveries owed, by platform. */
    Map<String, Long> lanesOwed();
}
